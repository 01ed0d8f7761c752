declare module 'virtual:huairou-outline' {
  const outline: import('./projection').Outline;
  export default outline;
}

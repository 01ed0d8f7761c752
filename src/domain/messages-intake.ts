/** Error codes of smart intake 智能受理 and the knowledge base 知识库 (see ./messages.ts). */
export const INTAKE_MESSAGES = {
  KNOWLEDGE_NOT_FOUND: {
    status: 404,
    zh: '未找到知识库条目 {id}',
    en: 'Knowledge-base article {id} not found',
  },
  KNOWLEDGE_CATEGORY_INVALID: {
    status: 400,
    zh: '知识库条目只能归入启用的诉求分类，{category} 不可用',
    en: 'A knowledge-base article must belong to an active category; {category} is not one',
  },
} as const;

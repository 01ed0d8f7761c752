/**
 * Tofu check, run in the page: draws characters with the page's own font on
 * a canvas and compares the bitmaps. A missing glyph renders as the same
 * .notdef box (or nothing) for every character; real glyphs have ink and
 * differ from each other and from the box of a code point no font has.
 * Kept as source text because it runs in the browser, whose DOM types this
 * Node program does not load.
 */
export interface GlyphProbe {
  font: string;
  ink: number[];
  distinct: boolean;
  notBox: boolean;
}

export function glyphProbe(chars: string[]): string {
  return `(() => {
    const font = getComputedStyle(document.querySelector('main h1') || document.body).fontFamily;
    const draw = (ch) => {
      const c = document.createElement('canvas');
      c.width = 64; c.height = 64;
      const g = c.getContext('2d');
      g.font = '48px ' + font;
      g.fillStyle = '#000';
      g.fillText(ch, 4, 52);
      const d = g.getImageData(0, 0, 64, 64).data;
      let ink = 0, sig = '';
      for (let i = 3; i < d.length; i += 4) { const on = d[i] > 128; if (on) ink++; sig += on ? '1' : '0'; }
      return { ink, sig };
    };
    const got = ${JSON.stringify(chars)}.map(draw);
    const box = draw('\\u{10FFFD}');
    return {
      font,
      ink: got.map((g) => g.ink),
      distinct: new Set(got.map((g) => g.sig)).size === got.length,
      notBox: got.every((g) => g.sig !== box.sig),
    };
  })()`;
}

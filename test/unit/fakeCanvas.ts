// Enough of CanvasRenderingContext2D for Chart.js to draw into (jsdom has none), recording what the tests read back.

export interface Drawn {
  /** The text drawn (axis titles, legend labels). */
  texts?: string[];
  /** The colour of each stroke. */
  strokes?: string[];
}

export function fakeContext(canvas: HTMLCanvasElement, drawn: Drawn = {}): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas, font: '12px sans-serif', lineWidth: 1 };
  return new Proxy(state, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (prop === 'measureText')
        return (s: string) => ({ width: s.length * 6, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 });
      if (prop === 'getLineDash') return () => [];
      if (prop === 'fillText') return (s: string) => drawn.texts?.push(String(s));
      if (prop === 'stroke') return () => drawn.strokes?.push(String(target.strokeStyle));
      if (prop === 'createLinearGradient' || prop === 'createPattern') return () => ({ addColorStop: () => undefined });
      if (prop === 'getImageData') return () => ({ data: new Uint8ClampedArray(4) });
      return () => undefined;
    },
    set(target, prop, value) {
      target[prop] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

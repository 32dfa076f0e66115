import { describe, expect, it } from 'vitest';
import { evaluate, topClass } from './evaluate.ts';

function oneHotish(classes: number[], confidence: number[]): Float32Array {
  const out = new Float32Array(classes.length * 10);
  classes.forEach((k, row) => {
    out.fill((1 - confidence[row]!) / 9, row * 10, row * 10 + 10);
    out[row * 10 + k] = confidence[row]!;
  });
  return out;
}

describe('evaluate', () => {
  it('counts correct answers and lists failures, most confident first', () => {
    const items = [
      { id: 'a', label: 3 },
      { id: 'b', label: 7 },
      { id: 'c', label: 1 },
      { id: 'd', label: 4 },
    ];
    const result = evaluate(items, oneHotish([3, 1, 1, 9], [0.9, 0.6, 0.99, 0.8]));
    expect(result.total).toBe(4);
    expect(result.correct).toBe(2);
    expect(result.accuracy).toBe(0.5);
    expect(result.failures.map((f) => [f.item.id, f.predicted])).toEqual([
      ['d', 9],
      ['b', 1],
    ]);
    expect(result.failures[0]!.confidence).toBeCloseTo(0.8, 6);
    expect(result.verdicts.get('c')).toMatchObject({ predicted: 1 });
  });

  it('rejects a probability matrix of the wrong size, and handles an empty set', () => {
    expect(() => evaluate([{ id: 'a', label: 1 }], new Float32Array(9))).toThrow(/expected 10 probabilities for 1 drawings, got 9/);
    expect(evaluate([], new Float32Array(0))).toMatchObject({ total: 0, correct: 0, accuracy: 0 });
  });

  it('topClass picks the first of ties', () => {
    expect(topClass(new Float32Array([0, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0]))).toBe(1);
    expect(topClass(new Float32Array(20).fill(0.1).fill(0.9, 17, 18), 1)).toBe(7);
  });
});

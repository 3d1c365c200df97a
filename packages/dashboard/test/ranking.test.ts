/**
 * A list page orders only the documents it shows: `firstOf` gives the first k of a list in an
 * order, as sorting the whole list and cutting it would, ties included.
 */
import { firstOf } from '../src/ranking';

/** A deterministic spread of values with many ties, in a scrambled order. */
function values(n: number, distinct: number): { v: number; at: number }[] {
  return Array.from({ length: n }, (_, i) => ({ v: (i * 7_919 + 13) % distinct, at: i }));
}

const byValueThenPlace = (a: { v: number; at: number }, b: { v: number; at: number }): number =>
  b.v - a.v || a.at - b.at;

describe('firstOf', () => {
  it.each([
    [1_000, 50, 10],
    [1_000, 1_000, 200],
    [5_000, 3, 200],
    [10, 10, 200],
    [200, 100, 200],
    [201, 100, 200],
  ])('of %i items with %i distinct values, the first %i as a full sort gives them', (n, distinct, k) => {
    const items = values(n, distinct);
    expect(firstOf(items, k, byValueThenPlace)).toEqual([...items].sort(byValueThenPlace).slice(0, k));
  });

  it('leaves the list it is given as it was, and gives nothing for k = 0', () => {
    const items = values(500, 40);
    const copy = [...items];
    firstOf(items, 20, byValueThenPlace);
    expect(items).toEqual(copy);
    expect(firstOf(items, 0, byValueThenPlace)).toEqual([]);
  });

  it('takes a list in ascending order (a store read oldest first) as well as a descending one', () => {
    const up = Array.from({ length: 3_000 }, (_, i) => ({ v: i, at: i }));
    expect(firstOf(up, 5, byValueThenPlace).map((x) => x.v)).toEqual([2_999, 2_998, 2_997, 2_996, 2_995]);
    expect(firstOf([...up].reverse(), 3, byValueThenPlace).map((x) => x.v)).toEqual([2_999, 2_998, 2_997]);
  });
});

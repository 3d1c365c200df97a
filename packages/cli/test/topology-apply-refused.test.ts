/** How `topology apply` words a plan it refuses: every problem of a small one, the first of a large one. */
import { refusedPlanMessage } from '../src/commands/topology-apply';

describe('refusedPlanMessage', () => {
  it('lists every problem of a small plan', () => {
    expect(refusedPlanMessage(['a', 'b'])).toBe(
      'topology apply cannot carry out this change (2 problems):\n  a\n  b',
    );
    expect(refusedPlanMessage(['a'])).toBe('topology apply cannot carry out this change (1 problem):\n  a');
  });

  it('sums up the rest of a whole tree’s worth after the first twenty', () => {
    const problems = Array.from({ length: 10_037 }, (_, i) => `agency ${i} disappears without a successor`);
    const text = refusedPlanMessage(problems);
    expect(text.split('\n')).toHaveLength(22);
    expect(text.split('\n')[0]).toBe('topology apply cannot carry out this change (10037 problems):');
    expect(text.split('\n')[20]).toBe('  agency 19 disappears without a successor');
    expect(text.endsWith('\n  … and 10017 more')).toBe(true);
  });
});

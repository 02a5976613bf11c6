// Behaviour declared through StackStorm's action `tags` (a list of `{name, value}` that StackStorm stores and
// ignores), so a pack that uses it still registers unchanged in StackStorm.

/** The tag that declares an action safe to run again when a crash interrupted it (issue 8). */
export const RETRY_ON_ABANDON_TAG = 'retry_on_abandon';

/**
 * `tags: [{name: retry_on_abandon, value: "true"}]`: recovery re-runs an execution of this action that a stopped
 * process left `requested`/`scheduled`/`running`, instead of only marking it `abandoned`. Declare it only for
 * idempotent actions: the interrupted run may have done part or all of its work.
 */
export function declaresRetryOnAbandon(tags: unknown): boolean {
  if (!Array.isArray(tags)) return false;
  return tags.some((t: unknown) => {
    if (t === null || typeof t !== 'object' || !Object.hasOwn(t, 'name')) return false;
    const { name, value } = t as { name: unknown; value?: unknown };
    return (
      name === RETRY_ON_ABANDON_TAG &&
      (value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true'))
    );
  });
}

/**
 * What a custom event may be called: the names a model can weigh as
 * `custom:<name>`. The SDK checks it before sending and the collector before
 * storing, so both count the same events.
 */
export const EVENT_NAME = /^[\w.:-]{1,64}$/;

/**
 * Whether `name` can name a custom event. Names an object inherits
 * (`constructor`, `toString`, `__proto__`, …) are refused: as keys of the
 * counts by name they would read or write the prototype instead of a count.
 */
export function isEventName(name: unknown): name is string {
  return typeof name === 'string' && EVENT_NAME.test(name) && !(name in Object.prototype);
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventSchema } from './schema.js';

const base = { id: 'e1', content: '/a', session: 's1', ts: 1 };

describe('eventSchema', () => {
  it('makes free text storable: a lone surrogate becomes U+FFFD and NUL goes', () => {
    const cut = '🌊'.slice(0, 1);
    const parsed = eventSchema.parse({
      ...base,
      type: 'view',
      title: `Waves ${cut}\u0000!`,
      section: 'A\u0000B',
    });
    expect(parsed).toMatchObject({ title: 'Waves \uFFFD!', section: 'AB' });
  });

  it('takes a feedback event with an integer rating from 1 to 5, and names the field otherwise', () => {
    expect(eventSchema.parse({ ...base, type: 'feedback', rating: 5 })).toEqual({
      ...base,
      type: 'feedback',
      rating: 5,
    });
    for (const rating of [0, 6, 2.5, '5', undefined]) {
      const result = eventSchema.safeParse({ ...base, type: 'feedback', rating });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['rating']);
    }
  });

  it('keeps a custom event whose props it cannot keep, without the props', () => {
    const nested = eventSchema.parse({ ...base, type: 'custom', name: 'comment', props: { deep: { a: 1 } } });
    expect(nested).toEqual({ ...base, type: 'custom', name: 'comment' });
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    expect(eventSchema.parse({ ...base, type: 'custom', name: 'comment', props: many })).toMatchObject({
      props: undefined,
    });
    expect(eventSchema.parse({ ...base, type: 'custom', name: 'comment', props: { n: 2 } })).toMatchObject({
      props: { n: 2 },
    });
  });

  it('keeps every field of an event a plain schema, with no transform or pipe', () => {
    // A transform or a pipe takes the field off zod's compiled object parser: checking a
    // view event cost 3.8–5.7 µs with its free text repaired by transforms, 1.6 without.
    const kinds = new Set<string>();
    for (const option of eventSchema.options) {
      for (const field of Object.values(option.shape) as z.ZodType[]) {
        const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
        kinds.add(inner.def.type);
      }
    }
    expect(kinds.has('pipe')).toBe(false);
    expect(kinds.has('transform')).toBe(false);
    expect(kinds).toContain('string');
  });

  it('still refuses a share without a channel', () => {
    expect(eventSchema.safeParse({ ...base, type: 'share', channel: '' }).success).toBe(false);
    expect(eventSchema.safeParse({ ...base, type: 'share', channel: '\u0000' }).success).toBe(false);
  });
});

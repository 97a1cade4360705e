import { z } from 'zod';
import { parseConfig, workerConfigSchema } from '@newsflow/runtime';
import { DEFAULT_LANGUAGES, ELD_LANGUAGES, FRANC_LANGUAGES_BY_SCRIPT, toIso3 } from './languages';

/** Languages some detector step can actually name: a franc model, an ELD class, or a script rule. */
const DETECTABLE: ReadonlySet<string> = new Set([
  ...Object.values(FRANC_LANGUAGES_BY_SCRIPT).flat(),
  ...ELD_LANGUAGES,
  'cmn', 'jpn', 'kor', 'ell', 'hye', 'kat', 'tha', 'lao', 'khm', 'sin', 'bod', 'ben', 'pan', 'guj', 'ory', 'tam', 'tel',
  'kan', 'mal', 'sat', 'zgh', 'div',
]);

/**
 * NEWSFLOW_LANGUAGES: the languages the detector may answer, comma-separated ISO 639-1 or 639-3
 * codes ("en,de,fr" or "eng,deu,fra"; macrolanguage codes map to their standard member: "ms" →
 * zsm, "no" → nob, "ar" → arb, "zh" → cmn). Unset: DEFAULT_LANGUAGES (64 news languages).
 * Text in any other language comes out as `und` with reason `unsupported_language`.
 * NEWSFLOW_LANGID_SAMPLE_CHARS: how much cleaned text the detector reads (speed vs. accuracy on
 * mixed-language pages).
 */
const languageList = z
  .string()
  .transform((value, context) => {
    const codes: string[] = [];
    for (const raw of value.split(',').map((part) => part.trim()).filter(Boolean)) {
      const code = toIso3(raw);
      if (!code || !DETECTABLE.has(code)) {
        context.addIssue({ code: 'custom', message: `unknown or undetectable language "${raw}"` });
        continue;
      }
      if (!codes.includes(code)) codes.push(code);
    }
    if (codes.length === 0) context.addIssue({ code: 'custom', message: 'must name at least one language' });
    return codes;
  });

export const langdetectConfigSchema = workerConfigSchema.extend({
  NEWSFLOW_LANGUAGES: languageList.default(() => [...DEFAULT_LANGUAGES]),
  NEWSFLOW_LANGID_SAMPLE_CHARS: z.coerce.number().int().min(100).max(20_000).default(1_000),
});
export type LangdetectConfig = z.infer<typeof langdetectConfigSchema>;

export function loadConfig(env: Record<string, string | undefined>): LangdetectConfig {
  return parseConfig(langdetectConfigSchema, env, 'langdetect');
}

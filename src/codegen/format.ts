// Generated TypeScript goes through prettier with the project's settings, so
// that the format check and the drift test agree with `npm run gen`.
import { format, resolveConfig } from 'prettier';

export async function formatGenerated(fullPath: string, text: string): Promise<string> {
  if (!fullPath.endsWith('.ts')) return text;
  const options = (await resolveConfig(fullPath)) ?? {};
  return format(text, { ...options, filepath: fullPath });
}

/**
 * The `iterlab ...` command lines in the fenced code blocks of a Markdown document, trimmed.
 *
 * @param markdown - The document.
 * @returns The lines, in order.
 */
export function documentedCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inBlock = false;
  for (const line of markdown.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("```")) inBlock = !inBlock;
    else if (inBlock && trimmed.startsWith("iterlab ")) commands.push(trimmed);
  }
  return commands;
}

/**
 * Splits a command line as a POSIX shell does for the simple cases the docs use: words at spaces, single
 * and double quotes keep spaces, and a `#` at the start of a word begins a comment.
 *
 * @param line - The command line.
 * @returns The words.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const char of line) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= "";
    } else if (char === " " || char === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === "#" && word === undefined) {
      break;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

// The words of one `set …` configuration line as PAN-OS and Junos print them: words separated by
// blanks, "quoted strings" (with \" inside), and `[ a b c ]` member lists, each word with the
// column it starts at so that findings point into the line.
export interface SetWord {
  v: string;
  col: number;
  /** A `[ … ]` list: its members. */
  list?: SetWord[];
}

/** Words of a line; undefined when a quote or bracket is left open (the caller reports where). */
export function setWords(line: string): { words: SetWord[] } | { error: string; col: number } {
  const words: SetWord[] = [];
  let list: SetWord[] | undefined;
  let listCol = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    const col = i + 1;
    if (c === '[') {
      if (list) return { error: 'nested "["', col };
      list = []; listCol = col; i++;
      continue;
    }
    if (c === ']') {
      if (!list) return { error: '"]" without "["', col };
      words.push({ v: list.map((w) => w.v).join(' '), col: listCol, list });
      list = undefined; i++;
      continue;
    }
    let v = '';
    if (c === '"' || c === "'") {
      i++;
      for (;;) {
        if (i >= line.length) return { error: 'unterminated quoted string', col };
        const d = line[i]!;
        if (d === '\\' && i + 1 < line.length) { v += line[i + 1]; i += 2; continue; }
        if (d === c) { i++; break; }
        v += d; i++;
      }
    } else {
      while (i < line.length && !/[\s[\]]/.test(line[i]!)) v += line[i++];
    }
    (list ?? words).push({ v, col });
  }
  if (list) return { error: 'unterminated "["', col: listCol };
  return { words };
}

/** The values of a word: a list's members, or the word itself. */
export function values(w: SetWord | undefined): SetWord[] {
  return !w ? [] : w.list ?? [w];
}

import { type CompareResult, compareDigits } from './compare-result';

/**
 * Alpine package version ordering, as apk-tools compares
 * `digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}`: pre-release suffixes
 * (`_alpha`, `_beta`, `_pre`, `_rc`) sort before the bare version, post-release ones
 * (`_cvs`, `_svn`, `_git`, `_hg`, `_p`) after it, and `-rN` is the package revision.
 */
export function compare(a: string, b: string): CompareResult {
  const ta = new Tokenizer(a);
  const tb = new Tokenizer(b);
  ta.first();
  tb.first();
  while (ta.token === tb.token && ta.token < Token.End) {
    const r = compareTokens(ta, tb);
    if (r !== 0) return r;
    ta.next();
    tb.next();
  }
  if (ta.token === tb.token) return 0;
  // Equal so far: the longer version wins unless what it continues with is a pre-release suffix.
  if (ta.token === Token.Suffix && ta.suffix < Suffix.None) return -1;
  if (tb.token === Token.Suffix && tb.suffix < Suffix.None) return 1;
  return ta.token > tb.token ? -1 : 1;
}

// Order matters: a version that ends in a lower-numbered token is the greater one.
enum Token {
  InitialDigit,
  Digit,
  Letter,
  Suffix,
  SuffixNo,
  CommitHash,
  RevisionNo,
  End,
  Invalid,
}

enum Suffix {
  Invalid = -1,
  Alpha,
  Beta,
  Pre,
  Rc,
  None,
  Cvs,
  Svn,
  Git,
  Hg,
  P,
}

const SUFFIXES: Record<string, Suffix> = {
  alpha: Suffix.Alpha,
  beta: Suffix.Beta,
  pre: Suffix.Pre,
  rc: Suffix.Rc,
  cvs: Suffix.Cvs,
  svn: Suffix.Svn,
  git: Suffix.Git,
  hg: Suffix.Hg,
  p: Suffix.P,
};

class Tokenizer {
  token = Token.InitialDigit;
  value = '';
  suffix = Suffix.Invalid;
  private pos = 0;

  constructor(private readonly text: string) {}

  first(): void {
    this.token = Token.InitialDigit;
    this.digits();
  }

  next(): void {
    const c = this.text[this.pos];
    if (c === undefined) {
      this.token = Token.End;
      return;
    }
    if (c >= 'a' && c <= 'z') {
      if (this.token > Token.Digit) return this.invalid();
      this.value = c;
      this.token = Token.Letter;
      this.pos += 1;
    } else if (c === '.' || (c >= '0' && c <= '9')) {
      if (c === '.') {
        if (this.token > Token.Digit) return this.invalid();
        this.pos += 1;
      }
      if (this.token === Token.InitialDigit || this.token === Token.Digit) this.token = Token.Digit;
      else if (this.token === Token.Suffix) this.token = Token.SuffixNo;
      else return this.invalid();
      this.digits();
    } else if (c === '_') {
      if (this.token > Token.SuffixNo) return this.invalid();
      this.pos += 1;
      this.value = this.take(/[a-z]/);
      this.suffix = SUFFIXES[this.value] ?? Suffix.Invalid;
      if (this.suffix === Suffix.Invalid) return this.invalid();
      this.token = Token.Suffix;
    } else if (c === '~') {
      if (this.token >= Token.CommitHash) return this.invalid();
      this.pos += 1;
      this.value = this.take(/[0-9a-fA-F]/);
      if (this.value === '') return this.invalid();
      this.token = Token.CommitHash;
    } else if (c === '-') {
      if (this.token >= Token.RevisionNo || this.text[this.pos + 1] !== 'r') return this.invalid();
      this.pos += 2;
      this.token = Token.RevisionNo;
      this.digits();
    } else {
      this.invalid();
    }
  }

  private digits(): void {
    this.value = this.take(/[0-9]/);
    if (this.value === '') this.invalid();
  }

  private take(pattern: RegExp): string {
    const start = this.pos;
    while (this.pos < this.text.length && pattern.test(this.text[this.pos])) this.pos += 1;
    return this.text.slice(start, this.pos);
  }

  private invalid(): void {
    this.token = Token.Invalid;
  }
}

function compareTokens(a: Tokenizer, b: Tokenizer): CompareResult {
  switch (a.token) {
    case Token.Digit:
      // A leading zero makes the component a decimal fraction: compare as text, as Gentoo does.
      if (a.value.startsWith('0') || b.value.startsWith('0')) return compareText(a.value, b.value);
      return compareDigits(a.value, b.value);
    case Token.InitialDigit:
    case Token.SuffixNo:
    case Token.RevisionNo:
      return compareDigits(a.value, b.value);
    case Token.Suffix:
      return a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0;
    default:
      return compareText(a.value, b.value);
  }
}

function compareText(a: string, b: string): CompareResult {
  return a < b ? -1 : a > b ? 1 : 0;
}

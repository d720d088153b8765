/**
 * The output side of OPA's formatter: lines indented with tabs, a comment
 * kept for the end of the current line, and comments written above the
 * node they precede (blank lines between comment groups kept, a `#
 * METADATA` block set apart from the comment above it).
 */

/** A source comment: the text after `#`, and its row. */
export interface Comment {
  text: string;
  row: number;
}

function isMetadataComment(c: Comment): boolean {
  return c.text.trim() === 'METADATA';
}

export class LineWriter {
  protected buf = '';
  protected level = 0;
  protected inline = false;
  protected beforeEnd?: Comment;
  protected delay = false;

  protected write(s: string): void {
    this.buf += s;
  }

  protected startLine(): void {
    this.inline = true;
    this.write('\t'.repeat(this.level));
  }

  protected endLine(): void {
    this.inline = false;
    if (this.beforeEnd && !this.delay) {
      this.write(` #${this.beforeEnd.text}`);
      this.beforeEnd = undefined;
    }
    this.delay = false;
    this.write('\n');
  }

  protected blankLine(): void {
    if (this.inline) this.endLine();
    this.write('\n');
  }

  protected writeLine(s: string): void {
    if (!this.inline) this.startLine();
    this.write(s);
    this.endLine();
  }

  protected up(): void {
    this.level++;
  }

  protected down(): void {
    if (this.level > 0) this.level--;
  }

  protected writeComments(comments: Comment[]): void {
    let inMetadata = false;
    comments.forEach((c, i) => {
      if (i > 0) {
        const gap = c.row - comments[i - 1].row;
        if (gap > 1) {
          this.blankLine();
          inMetadata = false;
        } else if (gap === 1 && inMetadata && isMetadataComment(c)) {
          this.blankLine();
        }
      }
      if (isMetadataComment(c)) inMetadata = true;
      this.writeLine(`#${c.text}`);
    });
  }

  /** Writes the comments above `row`, and keeps the one on `row` for the end of the line. */
  protected insertComments(comments: Comment[], row: number | undefined): Comment[] {
    if (row === undefined || comments.length === 0) return comments;
    const before = comments.filter((c) => c.row < row);
    const at = comments.filter((c) => c.row === row);
    const after = comments.filter((c) => c.row > row);
    this.writeComments(before);
    if (before.length > 0 && row - before[before.length - 1].row > 1) this.blankLine();
    for (const c of at) {
      // Two comments for one line (OPA keeps such code as written): keep both, in order.
      this.beforeEnd = this.beforeEnd ? { text: `${this.beforeEnd.text} #${c.text}`, row } : c;
    }
    return after;
  }

  /** The text written, ending in exactly one newline. */
  protected text(): string {
    return `${this.buf.replace(/\n+$/, '')}\n`;
  }
}

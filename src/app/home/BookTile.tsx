import { Link } from 'wouter';

/** A book of the club, one tap from home, with its most urgent line. */
export function BookTile({ href, title, lines, urgent }: { href: string; title: string; lines: string[]; urgent?: boolean }) {
  return (
    <Link href={href} className={urgent ? 'book-tile book-tile--urgent' : 'book-tile'}>
      <span className="book-tile__title">{title}</span>
      {lines.map((line) => (
        <span key={line} className="book-tile__line">
          {line}
        </span>
      ))}
    </Link>
  );
}

/** A message's plain-text part; links become clickable, so a demo can follow them. */
export function MailText({ text }: { text: string }) {
  return (
    <pre className="mail">
      {text.split(/(https?:\/\/\S+)/g).map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

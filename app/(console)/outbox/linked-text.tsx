const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;
// Sentence punctuation right after a URL belongs to the sentence, not the link.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Plain text with its http(s) URLs as links (React escapes everything else). */
export function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, index) => {
        if (index % 2 === 0) return part;
        const url = part.replace(TRAILING_PUNCTUATION, "");
        return (
          <span key={index}>
            <a href={url} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline break-all">
              {url}
            </a>
            {part.slice(url.length)}
          </span>
        );
      })}
    </>
  );
}

import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/notifications/escape-html";
import { renderEmail } from "@/lib/notifications/render-email";

const base = { heading: "Hello", paragraphs: ["First paragraph."], footer: "Sent by verifyd." };

describe("renderEmail", () => {
  it("renders an accessible layout with a plain-text twin holding the same words", () => {
    const { html, text } = renderEmail({
      ...base,
      preheader: "Preview line",
      paragraphs: ["One.", "Two."],
      action: { label: "Open it", url: "https://verify.example.com/verify/abc?x=1&y=2" },
    });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('role="presentation"');
    expect(html).toContain("<h1");
    expect(html).toContain('href="https://verify.example.com/verify/abc?x=1&amp;y=2"');
    expect(html).not.toMatch(/<style|class=|<img|<script/);
    expect(text).toBe(
      "Hello\n\nOne.\n\nTwo.\n\nOpen it: https://verify.example.com/verify/abc?x=1&y=2\n\n--\nSent by verifyd.\n",
    );
  });

  it("escapes hostile input in every field", () => {
    const hostile = `<script>alert(1)</script> "onerror=alert(1) x='y' & <img src=x onerror=alert(2)>`;
    const { html } = renderEmail({
      preheader: hostile,
      heading: hostile,
      paragraphs: [hostile, hostile],
      action: { label: hostile, url: 'https://example.com/"onmouseover="alert(1)' },
      footer: hostile,
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('"onerror=');
    expect(html).not.toContain(`x='y'`);
    expect(html).not.toMatch(/"onmouseover=/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;onerror=alert(1) x=&#39;y&#39; &amp; &lt;img");
  });

  it.each(["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox", "/relative/path", "ftp://example.com/file"])(
    "refuses an action URL that is not http(s): %s",
    (url) => {
      expect(() => renderEmail({ ...base, action: { label: "Go", url } })).toThrow();
    },
  );

  it("refuses empty content", () => {
    expect(() => renderEmail({ ...base, heading: "  " })).toThrow();
    expect(() => renderEmail({ ...base, paragraphs: [] })).toThrow();
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

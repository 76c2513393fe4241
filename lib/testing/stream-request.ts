/**
 * A POST whose body is a stream, as a browser's chunked upload arrives: no Content-Length unless given. Node's
 * fetch needs `duplex: "half"` for a stream body, which the DOM RequestInit type does not know yet.
 */
export function streamRequest(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  const init: RequestInit & { duplex: "half" } = { method: "POST", body, headers, duplex: "half" };
  return new Request(url, init);
}

import { createServer, type Socket } from "node:net";

export type FakeSmtpServer = { port: number; messages: string[]; close(): Promise<void> };

/**
 * Just enough SMTP (RFC 5321: 220 greeting, 250 EHLO/MAIL/RCPT, 354 DATA, 221 QUIT) to accept a message from
 * nodemailer over plain TCP. `refuseRecipients` answers RCPT with a permanent 550, as for an unknown mailbox.
 */
export async function startFakeSmtpServer(options: { refuseRecipients?: boolean } = {}): Promise<FakeSmtpServer> {
  const messages: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffer = "";
    let inData = false;
    socket.write("220 fake.test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write("250 2.0.0 Queued\r\n");
          continue;
        }
        const lineEnd = buffer.indexOf("\r\n");
        if (lineEnd === -1) return;
        const verb = buffer.slice(0, 4).toUpperCase();
        buffer = buffer.slice(lineEnd + 2);
        if (verb === "EHLO" || verb === "HELO") socket.write("250 fake.test\r\n");
        else if (verb === "MAIL" || verb === "RSET" || verb === "NOOP") socket.write("250 2.1.0 OK\r\n");
        else if (verb === "RCPT") socket.write(options.refuseRecipients ? "550 5.1.1 No such user here\r\n" : "250 2.1.5 OK\r\n");
        else if (verb === "DATA") {
          inData = true;
          socket.write("354 End data with <CR><LF>.<CR><LF>\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 2.0.0 Bye\r\n");
          return;
        } else socket.write("502 5.5.2 Command not recognised\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("The fake SMTP server has no TCP port");
  return {
    port: address.port,
    messages,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

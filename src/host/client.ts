/* global Excel, OfficeExtension */
/**
 * Microsoft's Excel JavaScript client wired to an Excel host instead of Excel: every request the
 * client sends (one per `context.sync()`) goes to the host's `processQuery`. The same wiring serves
 * the workbench's page (src/workbench/office.ts) and Node (src/host/node.ts).
 */
import type { ExcelHost } from "./protocol";

/** What the client script (`excel-web-16.00.js`) defines. */
export interface ExcelClient {
  readonly Excel: typeof Excel;
  readonly OfficeExtension: typeof OfficeExtension;
}

interface Transport {
  readonly HttpUtility: {
    setCustomSendRequestFunc(
      send: (request: { url: string; body?: unknown }) => Promise<unknown>
    ): void;
  };
}

/**
 * Routes the client's requests to hosts by URL: each host gets its own, so one client can serve
 * several workbooks. The first host connected is also where a plain `Excel.run(batch)` goes.
 */
export class HostRouter {
  private readonly hosts = new Map<string, ExcelHost>();

  constructor(private readonly client: ExcelClient) {
    (client.OfficeExtension as unknown as Transport).HttpUtility.setCustomSendRequestFunc(
      async (request) => {
        const host = [...this.hosts].find(([url]) => request.url.startsWith(url))?.[1];
        if (!host)
          return {
            statusCode: 404,
            headers: {},
            body: JSON.stringify({
              error: { code: "InvalidRequest", message: `No Excel host at ${request.url}.` },
            }),
          };
        return host.send(request);
      }
    );
  }

  /** Connects a host; returns an `Excel.run` that sends its batches there. */
  connect(
    host: ExcelHost
  ): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
    const url = `https://excel-host.cnai.invalid/${this.hosts.size + 1}/`;
    this.hosts.set(url, host);
    const { Excel: client, OfficeExtension: extension } = this.client;
    if (this.hosts.size === 1)
      (
        extension.ClientRequestContext as unknown as { defaultRequestUrlAndHeaders: unknown }
      ).defaultRequestUrlAndHeaders = {
        url,
        headers: {},
      };
    return (batch) => client.run(new client.RequestContext(url), batch);
  }
}

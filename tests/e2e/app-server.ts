import { preview, type PreviewServer } from 'vite';

/**
 * Serves the production build (dist/) the way a phone first meets the app, and can be
 * stopped mid-test: the only honest way to test offline, since Playwright's offline
 * switch does not stop a service worker's fetches.
 */
export class AppServer {
  private server: PreviewServer | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = await preview({
      logLevel: 'silent',
      preview: { host: '127.0.0.1', port: this.port, strictPort: true },
    });
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}

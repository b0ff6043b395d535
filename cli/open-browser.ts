import { spawn } from "node:child_process";

/**
 * Asks the desktop to open `url` in the default browser (`open` on macOS, `xdg-open` elsewhere, `start` on
 * Windows). Best effort: the URL is printed anyway, so a machine without a desktop loses nothing.
 */
export function openInBrowser(url: string): Promise<void> {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", '""', url.replaceAll("&", "^&")]]
        : ["xdg-open", [url]];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}

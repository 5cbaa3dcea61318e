/** A URL of path parts without doubled or trailing slashes (the stock consoles' joinPath). */
export function joinPath(...parts: string[]) {
  return parts.map((part, i) => (i === 0 ? part.replace(/\/+$/, "") : part.replace(/^\/+|\/+$/g, ""))).join("/");
}

type KeyValue = { key: string; value: string };

/** i18next-fetch-backend's parse for the server's message list ({@code [{key, value}]}) at …/resources/{realm}/{type}/{lng}. */
export const parseServerMessages = (data: string) =>
  Object.fromEntries((JSON.parse(data) as KeyValue[]).map(({ key, value }) => [key, value]));

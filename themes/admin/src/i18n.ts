import { parseServerMessages } from "@kcpat/shared";
import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

import { environment } from "./environment";
import { MESSAGES_NAMESPACE, bundledMessages } from "./messages";

/**
 * The stock console's set-up (26.7.3): one namespace per realm, loaded from
 * {adminBaseUrl}/resources/{realm}/admin/{lng} — the stock pages switch to the managed realm's
 * namespace themselves. The server resolves those messages with the *managed* realm's admin theme,
 * which need not be this one, so this page's own texts are bundled here (en, de, fr, es) and found through fallbackNS;
 * a realm's localization text of the same key still wins, as it is in the realm's namespace. The language is the
 * stock console's: its WhoAmI context switches this instance to the locale the server resolved for the admin.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  fallbackNS: MESSAGES_NAMESPACE,
  resources: bundledMessages,
  partialBundledLanguages: true,
  backend: {
    loadPath: `${environment.adminBaseUrl.replace(/\/+$/, "")}/resources/{{ns}}/admin/{{lng}}`,
    parse: parseServerMessages,
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);

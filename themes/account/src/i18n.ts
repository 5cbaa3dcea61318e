import { parseServerMessages } from "@kcpat/shared";
import { createInstance, type LanguageDetectorModule } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

import { environment } from "./environment";

const languageDetector: LanguageDetectorModule = {
  type: "languageDetector",
  detect: () => environment.locale,
};

/**
 * The console's messages as the server resolves them for this theme: the stock keycloak.v3 ones plus
 * messages/messages_*.properties of this theme (same set-up as the stock console).
 */
export const i18n = createInstance({
  fallbackLng: "en",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: `${environment.serverBaseUrl}/resources/${environment.realm}/account/{{lng}}`,
    parse: parseServerMessages,
  },
});

i18n.use(FetchBackend);
i18n.use(languageDetector);
i18n.use(initReactI18next);

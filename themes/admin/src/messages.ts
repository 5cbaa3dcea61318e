/**
 * Texts of the page "User API tokens", one JSON file per language in messages/ (en is the reference: every other
 * language has exactly its keys, plus the plural forms its language needs, e.g. French "_many"; the provider's
 * MessageBundlesTest checks that). Bundled (see i18n.ts); a realm may still override any of them with its own
 * localization texts, as for every stock key. Every key starts with "apiTokens", as in the account theme's
 * messages_*.properties; the cells of @kcpat/shared use the keys both have.
 */
import de from "./messages/de.json";
import en from "./messages/en.json";
import es from "./messages/es.json";
import fr from "./messages/fr.json";

export const MESSAGES_NAMESPACE = "personal-api-tokens";

/** The bundled languages, as i18next resources of this page's namespace. */
export const bundledMessages = Object.fromEntries(
  Object.entries({ en, de, fr, es }).map(([language, messages]) => [language, { [MESSAGES_NAMESPACE]: messages }]),
);

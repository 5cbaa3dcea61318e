package io.github.kcpat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message bundle of ours has every English key in German, French and Spanish, non-empty, with the same
 * placeholders, and nothing more: the Account Console page's properties ({@code {{name}}}, read by i18next), the admin
 * page's JSON files (bundled into its build) and the e-mail messages ({@code {0}}, read by Java's MessageFormat, so a
 * lone apostrophe would vanish from the mail). A plural key ({@code _one}/{@code _other} in English, i18next's suffixes)
 * has exactly the plural forms its language has (CLDR's categories, as {@code Intl.PluralRules} gives them: French and
 * Spanish also "many", for a million). Files must be UTF-8, as Keycloak reads them.
 */
class MessageBundlesTest {

    private static final List<String> LANGUAGES = List.of("de", "fr", "es");
    private static final Map<String, List<String>> PLURAL_FORMS = Map.of(
            "en", List.of("one", "other"), "de", List.of("one", "other"),
            "fr", List.of("one", "many", "other"), "es", List.of("one", "many", "other"));
    private static final Pattern I18NEXT_PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");
    private static final Pattern JAVA_PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    /** An apostrophe not doubled: MessageFormat would take it for a quote and drop it. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    /** One bundle family: where the file of a language is, how to read it, what its placeholders look like. */
    record Bundle(String name, Function<String, Path> file, boolean json, Pattern placeholder, boolean messageFormat) {

        Map<String, String> read(String language) throws IOException {
            Path path = file.apply(language);
            assertTrue(Files.isRegularFile(path), () -> path + " is missing");
            String text = utf8(path);
            Map<String, String> messages = new LinkedHashMap<>();
            if (json) {
                JsonNode root = new ObjectMapper().readTree(text);
                root.fields().forEachRemaining(entry -> messages.put(entry.getKey(), entry.getValue().asText()));
            } else {
                Properties properties = new Properties();
                properties.load(new StringReader(text));
                properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
            }
            return messages;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bundle> bundles() {
        Path root = repoRoot();
        Path account = root.resolve("themes/src/main/resources/theme/personal-api-tokens/account/messages");
        Path admin = root.resolve("themes/admin/src/messages");
        Path mail = root.resolve("provider/src/main/resources/theme-resources/messages");
        return List.of(
                new Bundle("account page", lang -> account.resolve("messages_" + lang + ".properties"), false, I18NEXT_PLACEHOLDER, false),
                new Bundle("admin page", lang -> admin.resolve(lang + ".json"), true, I18NEXT_PLACEHOLDER, false),
                new Bundle("e-mails", lang -> mail.resolve("messages_" + lang + ".properties"), false, JAVA_PLACEHOLDER, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void everyLanguageHasExactlyTheEnglishKeysWithTheSamePlaceholders(Bundle bundle) throws IOException {
        Map<String, String> english = bundle.read("en");
        assertFalse(english.isEmpty(), bundle + ": no English messages");
        Set<String> pluralBases = english.keySet().stream().filter(key -> key.endsWith("_other"))
                .map(key -> key.substring(0, key.length() - "_other".length())).collect(Collectors.toSet());
        assertEquals(expectedKeys(english, pluralBases, "en"), new TreeSet<>(english.keySet()),
                bundle + ": English plural keys need exactly _one and _other");
        List<String> problems = new ArrayList<>();
        for (String language : LANGUAGES) {
            Map<String, String> translated = bundle.read(language);
            Set<String> expected = expectedKeys(english, pluralBases, language);
            for (String key : expected) {
                if (!translated.containsKey(key)) {
                    problems.add(language + ": missing " + key);
                } else if (translated.get(key).isBlank()) {
                    problems.add(language + ": empty " + key);
                } else {
                    Set<String> want = placeholders(bundle, english.get(englishKey(key, pluralBases)));
                    Set<String> have = placeholders(bundle, translated.get(key));
                    if (!want.equals(have)) {
                        problems.add(language + ": " + key + " has placeholders " + have + ", English " + want);
                    }
                }
            }
            translated.keySet().stream().filter(key -> !expected.contains(key)).forEach(key -> problems.add(language + ": extra " + key));
        }
        assertEquals(List.of(), problems, bundle + " bundles differ from English");
    }

    @Test
    void mailMessagesSurviveMessageFormat() throws IOException {
        Bundle bundle = bundles().stream().filter(Bundle::messageFormat).findFirst().orElseThrow();
        List<String> problems = new ArrayList<>();
        for (String language : List.of("en", "de", "fr", "es")) {
            for (Map.Entry<String, String> message : bundle.read(language).entrySet()) {
                if (LONE_APOSTROPHE.matcher(message.getValue()).find()) {
                    problems.add(language + ": " + message.getKey() + " has a lone apostrophe (write '')");
                }
                // as Keycloak's templates do; throws on a malformed pattern
                new MessageFormat(message.getValue(), Locale.forLanguageTag(language)).format(new Object[] {"a", "b", "c", "d", "e", "f"});
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The keys a language must have: English's, each plural key in the forms of that language. */
    private static Set<String> expectedKeys(Map<String, String> english, Set<String> pluralBases, String language) {
        Set<String> keys = new TreeSet<>();
        for (String key : english.keySet()) {
            int suffix = key.lastIndexOf('_');
            if (suffix < 0 || !pluralBases.contains(key.substring(0, suffix))) {
                keys.add(key);
            }
        }
        for (String base : pluralBases) {
            PLURAL_FORMS.get(language).forEach(form -> keys.add(base + "_" + form));
        }
        return keys;
    }

    /** The English message a translation is compared with: a plural form with English's "_other". */
    private static String englishKey(String key, Set<String> pluralBases) {
        int suffix = key.lastIndexOf('_');
        return suffix > 0 && pluralBases.contains(key.substring(0, suffix)) ? key.substring(0, suffix) + "_other" : key;
    }

    private static Set<String> placeholders(Bundle bundle, String message) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = bundle.placeholder().matcher(message);
        while (matcher.find()) {
            found.add(matcher.group(bundle.messageFormat() ? 0 : 1).replaceAll("\\s+", " "));
        }
        return found;
    }

    private static String utf8(Path path) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(path + " is not UTF-8", e);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("themes/admin/src/messages"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "run from inside the repository");
        return dir;
    }
}

#include "checker/hurl/options.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "checker/hurl/numbers.hpp"
#include "checker/hurl/strings.hpp"
#include "checker/hurl/template_text.hpp"

namespace roadwork::hurl::detail {

namespace {

constexpr std::array<std::string_view, 9> kSupported = {"retry",    "retry-interval", "delay",
                                                        "variable", "location",       "max-redirs",
                                                        "skip",     "repeat",         "max-time"};

// Hurl's options outside the subset, named so an author learns the option exists but is not offered here.
constexpr std::array<std::string_view, 28> kHurlOptions = {
    "aws-sigv4",  "cacert",           "cert",        "compressed", "connect-timeout",
    "connect-to", "header",           "http1.0",     "http1.1",    "http2",
    "http3",      "insecure",         "ipv4",        "ipv6",       "key",
    "limit-rate", "location-trusted", "netrc",       "netrc-file", "netrc-optional",
    "output",     "path-as-is",       "proxy",       "resolve",    "unix-socket",
    "user",       "verbose",          "very-verbose"};

// Hurl grammar: integer-option; -1 means no limit for retry, max-redirs and repeat.
int read_count(Reader& reader) {
  const Mark start = reader.mark();
  const std::int64_t value = read_integer(reader);
  if (value < -1) reader.fail_at(start, "expected an integer of -1 or more");
  if (value > std::numeric_limits<int>::max()) reader.fail_at(start, "number out of range");
  return static_cast<int>(value);
}

// Hurl grammar: duration-option, `integer (ms | s | m)?`, in milliseconds when there is no unit.
std::int64_t read_duration_ms(Reader& reader) {
  const Mark start = reader.mark();
  if (!std::isdigit(static_cast<unsigned char>(reader.peek()))) {
    reader.fail("expected a duration such as 500ms, 2s or 1m");
  }
  const std::int64_t value = read_integer(reader);
  const Mark unit_start = reader.mark();
  const auto unit =
      reader.peek_while([](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  std::int64_t factor = 1;
  if (unit == "s") {
    factor = 1000;
  } else if (unit == "m") {
    factor = 60'000;
  } else if (!unit.empty() && unit != "ms") {
    reader.fail_at(unit_start, "unknown duration unit \"" + std::string(unit) + "\" (use ms, s or m)");
  }
  reader.advance(unit.size());
  if (value > std::numeric_limits<std::int64_t>::max() / factor) reader.fail_at(start, "number out of range");
  return value * factor;
}

bool read_boolean(Reader& reader) {
  if (reader.looking_at_word("true")) {
    reader.advance(4);
    return true;
  }
  if (!reader.looking_at_word("false")) reader.fail("expected true or false");
  reader.advance(5);
  return false;
}

// Hurl grammar: variable-definition, `variable-name = (quoted-string | key-string)`; a bare null, boolean or
// number is kept as its text and typed by the runner.
void read_variable(Reader& reader, Options& options) {
  KeyValue variable;
  variable.location = reader.location();
  TemplateBuilder name(reader);
  const Mark name_start = reader.mark();
  name.add_text(read_variable_name(reader), name_start);
  variable.key = std::move(name).finish();
  if (!reader.consume("=")) reader.fail("expected '='");
  const bool quoted = reader.peek() == '"';
  variable.value = quoted ? read_quoted_string(reader) : read_key_string(reader);
  if (variable.value.parts.empty() && !quoted) reader.fail("expected a value");
  options.variables.push_back(std::move(variable));
  options.variable_is_quoted.push_back(quoted);
}

}  // namespace

void read_option(Reader& reader, Options& options) {
  const std::string name(reader.peek_while(is_key_char));
  if (std::ranges::find(kSupported, name) == kSupported.end()) {
    const bool in_hurl = std::ranges::find(kHurlOptions, name) != kHurlOptions.end();
    reader.fail(in_hurl ? "option " + name + " is not supported" : "unknown option " + name);
  }
  reader.advance(name.size());
  reader.skip_spaces();
  if (!reader.consume(":")) reader.fail("expected ':'");
  reader.skip_spaces();
  const Mark value_start = reader.mark();
  if (name != "variable" && reader.looking_at("{{")) {
    reader.fail("a template in option " + name + " is not supported");
  }
  if (name == "retry") {
    options.retry = read_count(reader);
  } else if (name == "retry-interval") {
    options.retry_interval_ms = read_duration_ms(reader);
  } else if (name == "delay") {
    options.delay_ms = read_duration_ms(reader);
  } else if (name == "variable") {
    read_variable(reader, options);
  } else if (name == "location") {
    options.location = read_boolean(reader);
  } else if (name == "max-redirs") {
    options.max_redirs = read_count(reader);
  } else if (name == "max-time") {
    options.max_time_ms = read_duration_ms(reader);
    if (*options.max_time_ms == 0) reader.fail_at(value_start, "max-time must be more than 0");
  } else if (name == "skip") {
    options.skip = read_boolean(reader);
  } else {
    options.repeat = read_count(reader);
  }
  reader.expect_line_end();
}

}  // namespace roadwork::hurl::detail

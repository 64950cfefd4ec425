#pragma once
// Building blocks of every string in a .hurl file (internal to checker/hurl): the parts of a Template,
// `{{name}}` placeholders, variable names and backslash escapes.

#include <string>
#include <string_view>

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Collects a Template as a string is read, starting at the reader's cursor: runs of literal text are merged
/// into one part located at its first character; placeholders become parts of their own. Locations are
/// taken as Marks and turned into SourceLocations once per part, not once per character.
class TemplateBuilder {
 public:
  explicit TemplateBuilder(const Reader& reader);

  void add_text(std::string_view text, const Mark& where);
  void add_placeholder(TemplatePart placeholder);
  bool empty() const { return template_.parts.empty(); }
  Template finish() && { return std::move(template_); }

 private:
  const Reader& reader_;
  Template template_;
};

/// True for the first character of a variable name (Hurl grammar: variable-name, `[A-Za-z]`).
bool is_variable_name_start(char c);

/// Reads `[A-Za-z][A-Za-z0-9_-]*` (Hurl grammar: variable-name); fails with `expected a variable name`.
std::string read_variable_name(Reader& reader);

/// Reads `{{ name }}` at the cursor (Hurl grammar: placeholder) into a variable part located at `{{`.
/// roadwork's templates are plain variables, so Hurl's functions (`{{newUuid}}`) fail with
/// `function newUuid is not supported` and filters inside braces with `filters in templates are not
/// supported`; otherwise fails with `expected a variable name` or `expected '}}'`.
TemplatePart read_placeholder(Reader& reader);

/// Reads one escape at a backslash and returns its UTF-8 text (Hurl grammar: quoted-string-escaped-char and
/// its siblings, which share one set): \" \` \\ \/ \# \: \{ \} \b \f \n \r \t and \u{hex} (1 to 8 digits, a
/// Unicode scalar value). Fails with `invalid escape sequence` or `invalid unicode escape` at the backslash.
std::string read_escape(Reader& reader);

}  // namespace roadwork::hurl::detail

#include "app/course/starter_regions.hpp"

#include <optional>
#include <string_view>

#include "app/core/expected.hpp"

namespace roadwork::course {

namespace {

enum class Marker { Starter, Solution, End, SolutionOnly, StarterOnly, StarterLine, Unknown };

struct MarkerLine {
  Marker marker;
  std::size_t column;     // 0-based, of the comment token
  std::string_view rest;  // a starter line's text after "#| "
};

// The comment token a line starts with after its indentation, or "".
std::string_view comment_token(std::string_view line, std::size_t column) {
  if (line.substr(column).starts_with("#")) return "#";
  if (line.substr(column).starts_with("//")) return "//";
  return "";
}

std::optional<MarkerLine> read_marker(std::string_view line) {
  const auto column = line.find_first_not_of(" \t");
  if (column == std::string_view::npos) return std::nullopt;
  const auto token = comment_token(line, column);
  if (token.empty()) return std::nullopt;
  auto after = line.substr(column + token.size());
  if (after.starts_with("|")) {
    after.remove_prefix(1);
    if (after.starts_with(" ")) after.remove_prefix(1);
    return MarkerLine{Marker::StarterLine, column, after};
  }
  constexpr std::string_view kPrefix = " roadwork:";
  if (!after.starts_with(kPrefix)) return std::nullopt;
  auto word = after.substr(kPrefix.size());
  while (!word.empty() && (word.front() == ' ' || word.front() == '\t')) word.remove_prefix(1);
  while (!word.empty() && (word.back() == ' ' || word.back() == '\t' || word.back() == '\r'))
    word.remove_suffix(1);
  const auto marker = word == "starter"         ? Marker::Starter
                      : word == "solution"      ? Marker::Solution
                      : word == "end"           ? Marker::End
                      : word == "solution only" ? Marker::SolutionOnly
                      : word == "starter only"  ? Marker::StarterOnly
                                                : Marker::Unknown;
  return MarkerLine{marker, column, {}};
}

enum class Part { Outside, Starter, Solution };

// One file's text as `variant`; nullopt when the variant leaves the file out.
Expected<std::optional<std::string>> file_variant(const std::string& path, const std::string& text,
                                                  CodeVariant variant, const std::string& origin) {
  std::string out;
  Part part = Part::Outside;
  int region_line = 0;
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto stop = end == std::string::npos ? text.size() : end + 1;
    const std::string_view full(text.data() + start, stop - start);
    const auto line = full.substr(0, full.find('\n'));
    start = stop;
    ++number;
    const auto fail = [&](std::size_t column, std::string message) {
      return Diagnostic{origin + path, number, static_cast<int>(column) + 1, std::move(message), ""};
    };
    const auto marker = read_marker(line);
    if (!marker || (marker->marker == Marker::StarterLine && part != Part::Starter)) {
      if (part == Part::Starter)
        return fail(0,
                    "a starter region holds only `#| text` lines (or `//| text`) until `roadwork: solution`");
      if (part == Part::Outside || variant != CodeVariant::Starter) out += full;
      continue;
    }
    switch (marker->marker) {
      case Marker::StarterLine:
        if (variant == CodeVariant::Starter) {
          if (!marker->rest.empty()) out.append(line.substr(0, marker->column)).append(marker->rest);
          out += full.ends_with('\n') ? "\n" : "";
        }
        break;
      case Marker::Starter:
        if (part != Part::Outside)
          return fail(marker->column, "a starter region inside the one that begins at line " +
                                          std::to_string(region_line) +
                                          "; close that one with `roadwork: end` first");
        part = Part::Starter;
        region_line = number;
        break;
      case Marker::Solution:
        if (part != Part::Starter)
          return fail(marker->column,
                      "`roadwork: solution` comes after `roadwork: starter` and its starter lines");
        part = Part::Solution;
        break;
      case Marker::End:
        if (part != Part::Solution)
          return fail(marker->column,
                      "`roadwork: end` closes a region's `roadwork: solution` part, and there is none open");
        part = Part::Outside;
        break;
      case Marker::SolutionOnly:
      case Marker::StarterOnly:
        if (number != 1)
          return fail(marker->column,
                      "`roadwork: solution only` and `starter only` go on a file's first line");
        if (variant != CodeVariant::Marked &&
            (marker->marker == Marker::SolutionOnly) == (variant == CodeVariant::Starter))
          return std::optional<std::string>();
        break;
      case Marker::Unknown:
        return fail(
            marker->column,
            "unknown marker: roadwork's markers are `roadwork: starter`, `solution`, `end`, `solution only` "
            "and `starter only`");
    }
    if (variant == CodeVariant::Marked) out += full;
  }
  if (part != Part::Outside)
    return Diagnostic{origin + path, region_line, 1,
                      "this starter region is never closed: end it with `roadwork: end`", ""};
  return std::optional(std::move(out));
}

}  // namespace

// "TODO:" or "TODO 3:", as a comment opens a task; not a sentence that mentions the TODO comments.
bool is_todo(std::string_view text) {
  for (auto at = text.find("TODO"); at != std::string_view::npos; at = text.find("TODO", at + 4)) {
    auto rest = text.substr(at + 4);
    if (rest.starts_with(" ")) rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') rest.remove_prefix(1);
    if (rest.starts_with(":")) return true;
  }
  return false;
}

std::vector<std::string> todo_files(const FileTree& marked) {
  std::vector<std::string> files;
  for (const auto& [path, file] : marked) {
    const auto first = read_marker(std::string_view(file.text).substr(0, file.text.find('\n')));
    bool in_starter = false;
    std::string_view rest = file.text;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      const auto line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      const auto marker = read_marker(line);
      if (marker && marker->marker == Marker::Starter) in_starter = true;
      if (marker && marker->marker == Marker::Solution) in_starter = false;
      const bool starter_text =
          first && first->marker == Marker::StarterOnly
              ? is_todo(line)
              : in_starter && marker && marker->marker == Marker::StarterLine && is_todo(marker->rest);
      if (starter_text) {
        files.push_back(path);
        break;
      }
    }
  }
  return files;  // FileTree is a std::map: already sorted
}

bool StarterLines::operator()(const std::string& path, std::string_view line) {
  if (path != path_) {
    path_ = path;
    in_starter_part_ = starter_only_file_ = false;
    if (const auto marker = read_marker(line); marker && marker->marker == Marker::StarterOnly)
      return starter_only_file_ = true;
  }
  if (starter_only_file_) return true;
  const auto marker = read_marker(line);
  if (!marker || (marker->marker == Marker::StarterLine && !in_starter_part_)) return false;
  if (marker->marker == Marker::Starter) in_starter_part_ = true;
  if (marker->marker == Marker::Solution) in_starter_part_ = false;
  return true;
}

Expected<FileTree> code_variant(const FileTree& marked, CodeVariant variant, const std::string& origin) {
  FileTree result;
  for (const auto& [path, file] : marked) {
    auto text = file_variant(path, file.text, variant, origin);
    if (!text) return text.error();
    if (*text) result[path] = {std::move(**text), file.executable};
  }
  return result;
}

}  // namespace roadwork::course

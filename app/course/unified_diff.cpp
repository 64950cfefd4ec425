#include "app/course/unified_diff.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "app/core/expected.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::course {

namespace {

constexpr std::string_view kDevNull = "/dev/null";

// One line of the patch, with its 1-based number in the patch file.
struct PatchLine {
  std::string_view text;
  int number;
};

// A hunk line keeps its newline, so that "\ No newline at end of file" can take it away and the last
// line of a file compares exactly.
struct HunkLine {
  char kind;  // ' ', '-' or '+'
  std::string text;
  int number;
};

struct Hunk {
  int old_start = 0;
  int old_count = 0;
  int new_start = 0;
  int new_count = 0;
  int number = 0;  // the @@ line
  std::vector<HunkLine> lines;
};

struct FilePatch {
  std::string old_path;
  std::string new_path;
  int number = 0;  // the --- line
  std::vector<Hunk> hunks;
};

std::vector<PatchLine> split_patch(const std::string& patch) {
  std::vector<PatchLine> lines;
  std::string_view rest = patch;
  for (int number = 1; !rest.empty(); ++number) {
    const auto end = rest.find('\n');
    auto line = rest.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back({line, number});
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return lines;
}

// The path of a ---/+++ line: up to a tab (diff -u puts the file's time after one).
std::string header_path(std::string_view line) { return std::string(line.substr(4, line.find('\t') - 4)); }

// "-12,3" or "-12" (a count of 1) after the sign.
bool parse_range(std::string_view text, int& start, int& count) {
  const auto comma = text.find(',');
  const auto start_text = text.substr(0, comma);
  if (std::from_chars(start_text.data(), start_text.data() + start_text.size(), start).ec != std::errc() ||
      start < 0)
    return false;
  count = 1;
  if (comma == std::string_view::npos) return true;
  const auto count_text = text.substr(comma + 1);
  const auto [end, error] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
  return error == std::errc() && end == count_text.data() + count_text.size() && count >= 0;
}

// "@@ -l,s +l,s @@ optional section heading" (POSIX diff: unified format).
std::optional<Hunk> parse_hunk_header(const PatchLine& line) {
  const auto text = line.text;
  if (!text.starts_with("@@ -")) return std::nullopt;
  const auto old_end = text.find(' ', 4);
  if (old_end == std::string_view::npos || text.substr(old_end, 2) != " +") return std::nullopt;
  const auto new_end = text.find(' ', old_end + 2);
  if (new_end == std::string_view::npos || text.substr(new_end, 3) != " @@") return std::nullopt;
  Hunk hunk;
  hunk.number = line.number;
  if (!parse_range(text.substr(4, old_end - 4), hunk.old_start, hunk.old_count) ||
      !parse_range(text.substr(old_end + 2, new_end - old_end - 2), hunk.new_start, hunk.new_count))
    return std::nullopt;
  return hunk;
}

Diagnostic problem(const std::string& patch_file, int line, std::string message) {
  return {patch_file, line, 1, std::move(message), ""};
}

// Reads a hunk's body after its header at lines[i - 1]; leaves i after it.
[[nodiscard]] std::optional<Diagnostic> read_hunk_body(const std::vector<PatchLine>& lines, std::size_t& i,
                                                       Hunk& hunk, const std::string& patch_file) {
  int old_left = hunk.old_count;
  int new_left = hunk.new_count;
  while (old_left > 0 || new_left > 0) {
    if (i == lines.size())
      return problem(patch_file, hunk.number,
                     "the hunk ends before its " + std::to_string(hunk.old_count) + " old and " +
                         std::to_string(hunk.new_count) +
                         " new lines (a line of it was removed or an editor changed it)");
    const auto& line = lines[i++];
    // An editor that strips trailing spaces turns the context line " " into "".
    const char kind = line.text.empty() ? ' ' : line.text[0];
    if (kind == '\\') {
      if (!hunk.lines.empty() && hunk.lines.back().text.ends_with('\n')) hunk.lines.back().text.pop_back();
      continue;
    }
    if ((kind != ' ' && kind != '-' && kind != '+') || (kind != '+' && old_left == 0) ||
        (kind != '-' && new_left == 0))
      return problem(patch_file, line.number,
                     "this line does not fit the hunk at line " + std::to_string(hunk.number) +
                         ": its counts say " + std::to_string(old_left) + " old and " +
                         std::to_string(new_left) +
                         " new lines are left, and a line starts with ' ', '-' or '+'");
    if (kind != '+') --old_left;
    if (kind != '-') --new_left;
    hunk.lines.push_back(
        {kind, std::string(line.text.empty() ? "" : line.text.substr(1)) + "\n", line.number});
  }
  // A "\ No newline at end of file" right after the last line belongs to this hunk.
  if (i < lines.size() && lines[i].text.starts_with('\\')) {
    if (!hunk.lines.empty() && hunk.lines.back().text.ends_with('\n')) hunk.lines.back().text.pop_back();
    ++i;
  }
  return std::nullopt;
}

Expected<std::vector<FilePatch>> parse_patch(const std::string& patch, const std::string& patch_file) {
  const auto lines = split_patch(patch);
  std::vector<FilePatch> files;
  for (std::size_t i = 0; i < lines.size();) {
    const auto& line = lines[i];
    if (line.text.starts_with("--- ") && i + 1 < lines.size() && lines[i + 1].text.starts_with("+++ ")) {
      files.push_back({header_path(line.text), header_path(lines[i + 1].text), line.number, {}});
      i += 2;
    } else if (line.text.starts_with("@@")) {
      if (files.empty()) return problem(patch_file, line.number, "a hunk before any ---/+++ file header");
      auto hunk = parse_hunk_header(line);
      if (!hunk)
        return problem(patch_file, line.number, "a hunk header must read @@ -START,COUNT +START,COUNT @@");
      ++i;
      if (auto error = read_hunk_body(lines, i, *hunk, patch_file)) return *error;
      files.back().hunks.push_back(std::move(*hunk));
    } else if (!files.empty() && !files.back().hunks.empty() && !line.text.empty() &&
               (line.text[0] == '+' || line.text[0] == '-' || line.text[0] == ' ')) {
      return problem(patch_file, line.number,
                     "this line comes after the hunk at line " +
                         std::to_string(files.back().hunks.back().number) +
                         " has all the lines its @@ header counts: correct the counts there");
    } else {
      ++i;  // "diff -ruN …", "index …", "new file mode …": nothing to apply
    }
  }
  return files;
}

// "b/server.py" -> "server.py", as patch -p1 reads it.
Expected<std::string> strip_first_folder(const std::string& path, const std::string& patch_file, int line) {
  const auto slash = path.find('/');
  if (slash == std::string::npos || slash + 1 == path.size())
    return problem(
        patch_file, line,
        "cannot tell which file \"" + text::escape_controls(path) +
            "\" is: a path needs a first folder to drop, as `diff -ruN old new` writes old/x and new/x");
  return path.substr(slash + 1);
}

std::vector<std::string> split_keeping_newlines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto stop = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, stop - start));
    start = stop;
  }
  return lines;
}

std::string shown(std::string line) {
  if (line.ends_with('\n')) line.pop_back();
  return "\"" + text::escape_controls(line) + "\"";
}

Expected<std::string> apply_hunks(const std::string& text, const FilePatch& file, const std::string& path,
                                  const std::string& patch_file) {
  const auto old_lines = split_keeping_newlines(text);
  std::string result;
  std::size_t cursor = 0;  // the next old line not yet copied
  for (const auto& hunk : file.hunks) {
    // -5,0 inserts after line 5; -5,2 replaces lines 5 and 6.
    const auto at = static_cast<std::size_t>(hunk.old_count == 0 ? hunk.old_start : hunk.old_start - 1);
    if (hunk.old_count > 0 && hunk.old_start == 0)
      return problem(patch_file, hunk.number, "a hunk with old lines cannot start at line 0");
    if (at < cursor)
      return problem(patch_file, hunk.number,
                     "this hunk overlaps the one before it: hunks must go down the file");
    if (at > old_lines.size())
      return problem(patch_file, hunk.number,
                     "this hunk does not apply to " + path + ": it starts at line " + std::to_string(at + 1) +
                         ", after the file's end (it has " + std::to_string(old_lines.size()) + " lines)");
    for (; cursor < at; ++cursor) result += old_lines[cursor];
    for (const auto& line : hunk.lines) {
      if (line.kind != '+') {
        if (cursor >= old_lines.size())
          return problem(patch_file, line.number,
                         "this hunk does not apply to " + path + ": the file ends at line " +
                             std::to_string(old_lines.size()) + " where the patch has " + shown(line.text));
        if (old_lines[cursor] != line.text)
          return problem(patch_file, line.number,
                         "this hunk does not apply to " + path + ": line " + std::to_string(cursor + 1) +
                             " reads " + shown(old_lines[cursor]) + " where the patch has " +
                             shown(line.text));
        ++cursor;
      }
      if (line.kind != '-') result += line.text;
    }
  }
  for (; cursor < old_lines.size(); ++cursor) result += old_lines[cursor];
  return result;
}

[[nodiscard]] std::optional<Diagnostic> apply_file(const FilePatch& file, const std::string& patch_file,
                                                   FileTree& tree) {
  const bool deletes = file.new_path == kDevNull;
  const auto stripped = strip_first_folder(deletes ? file.old_path : file.new_path, patch_file, file.number);
  if (!stripped) return stripped.error();
  const auto& path = *stripped;
  const auto found = tree.find(path);
  const bool creates_empty_start =
      !file.hunks.empty() && file.hunks.front().old_start == 0 && file.hunks.front().old_count == 0;
  if (file.old_path == kDevNull && found != tree.end())
    return problem(patch_file, file.number, "this patch creates " + path + ", which already exists");
  if (found == tree.end() && file.old_path != kDevNull && !creates_empty_start)
    return problem(patch_file, file.number, "this patch changes " + path + ", which does not exist");
  auto& target = tree[path];
  auto changed = apply_hunks(target.text, file, path, patch_file);
  if (!changed) return changed.error();
  target.text = std::move(*changed);
  const bool emptied = !file.hunks.empty() && file.hunks.back().new_start == 0 &&
                       file.hunks.back().new_count == 0 && target.text.empty();
  if (deletes && !target.text.empty())
    return problem(patch_file, file.number, "this patch deletes " + path + " but leaves lines of it");
  if (deletes || emptied) tree.erase(path);
  return std::nullopt;
}

// The hunk's lines with each change (a run of - and + lines) trimmed: old and new lines that a change starts
// or ends with alike become context, as dropping lines from a diff can leave `-x` … `+x` behind.
std::vector<HunkLine> trim_changes(std::vector<HunkLine> lines) {
  std::vector<HunkLine> out;
  for (std::size_t i = 0; i < lines.size();) {
    if (lines[i].kind == ' ') {
      out.push_back(std::move(lines[i++]));
      continue;
    }
    std::vector<HunkLine> removed, added;
    for (; i < lines.size() && lines[i].kind != ' '; ++i)
      (lines[i].kind == '-' ? removed : added).push_back(std::move(lines[i]));
    std::size_t head = 0;
    while (head < removed.size() && head < added.size() && removed[head].text == added[head].text) ++head;
    std::size_t tail = 0;
    while (tail < removed.size() - head && tail < added.size() - head &&
           removed[removed.size() - 1 - tail].text == added[added.size() - 1 - tail].text)
      ++tail;
    for (std::size_t k = 0; k < head; ++k) out.push_back({' ', removed[k].text, removed[k].number});
    for (std::size_t k = head; k < removed.size() - tail; ++k) out.push_back(std::move(removed[k]));
    for (std::size_t k = head; k < added.size() - tail; ++k) out.push_back(std::move(added[k]));
    for (std::size_t k = removed.size() - tail; k < removed.size(); ++k)
      out.push_back({' ', removed[k].text, removed[k].number});
  }
  return out;
}

// A file's path for people: its header path without the first folder.
Expected<std::string> display_path(const FilePatch& file, const std::string& patch_file) {
  const bool deletes = file.new_path == kDevNull;
  return strip_first_folder(deletes ? file.old_path : file.new_path, patch_file, file.number);
}

constexpr std::size_t kContext = 3;  // lines of context around a change, as diff -u writes them

// Writes `lines` (a hunk's, whose first old and new lines are `old_line` and `new_line`, 1-based) as hunks
// with at most kContext lines of context around their changes: GNU patch takes a hunk with more context
// before its change than after as one that must end at the end of the file.
void render_lines(const std::vector<HunkLine>& lines, int old_line, int new_line, std::string& out) {
  std::vector<int> olds, news;
  for (const auto& line : lines) {
    olds.push_back(old_line);
    news.push_back(new_line);
    old_line += line.kind != '+' ? 1 : 0;
    new_line += line.kind != '-' ? 1 : 0;
  }
  const auto is_change = [&](std::size_t k) { return lines[k].kind != ' '; };
  const auto range = [](int start, int count) {
    return count == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(count);
  };
  std::size_t floor = 0;  // the first line after the hunk written last
  for (std::size_t change = 0; change < lines.size(); ++change) {
    if (!is_change(change)) continue;
    const auto begin = std::max(floor, change >= kContext ? change - kContext : 0);
    auto last = change;
    for (auto k = change + 1; k < lines.size() && k <= last + 2 * kContext + 1; ++k)
      if (is_change(k)) last = k;
    const auto end = std::min(lines.size(), last + 1 + kContext);
    int old_count = 0, new_count = 0;
    for (auto k = begin; k < end; ++k) {
      old_count += lines[k].kind != '+' ? 1 : 0;
      new_count += lines[k].kind != '-' ? 1 : 0;
    }
    // -5,0: an insertion after old line 5; +5,0: what is left of the new file ends at line 5.
    out += "@@ -" + range(olds[begin] - (old_count == 0 ? 1 : 0), old_count) + " +" +
           range(news[begin] - (new_count == 0 ? 1 : 0), new_count) + " @@\n";
    for (auto k = begin; k < end; ++k) {
      out += lines[k].kind;
      out += lines[k].text;
      if (!lines[k].text.ends_with('\n')) out += "\n\\ No newline at end of file\n";
    }
    floor = end;
    change = end - 1;
  }
}

}  // namespace

Expected<std::string> drop_added_lines(
    const std::string& patch, const std::string& patch_file,
    const std::function<bool(const std::string&, std::string_view)>& drop) {
  auto files = parse_patch(patch, patch_file);
  if (!files) return files.error();
  std::string out;
  for (auto& file : *files) {
    const auto shown_path = display_path(file, patch_file);
    if (!shown_path) return shown_path.error();
    const auto& path = *shown_path;
    std::string hunks;
    int shift = 0;  // new lines minus old lines of the hunks before, as kept
    for (auto& hunk : file.hunks) {
      std::vector<HunkLine> kept;
      for (auto& line : hunk.lines) {
        if (line.kind == '+' && drop(path, std::string_view(line.text).substr(0, line.text.find('\n'))))
          continue;
        kept.push_back(std::move(line));
      }
      const auto lines = trim_changes(std::move(kept));
      const auto new_count = static_cast<int>(
          std::count_if(lines.begin(), lines.end(), [](const HunkLine& line) { return line.kind != '-'; }));
      const int first_old =
          hunk.old_count == 0 ? hunk.old_start + 1 : hunk.old_start;  // -5,0 inserts after 5
      render_lines(lines, first_old, first_old + shift, hunks);
      shift += new_count - hunk.old_count;
    }
    if (hunks.empty()) continue;
    out += "--- " + (file.old_path == kDevNull ? std::string(kDevNull) : "a/" + path) + "\n";
    out += "+++ " + (file.new_path == kDevNull ? std::string(kDevNull) : "b/" + path) + "\n";
    out += hunks;
  }
  return out;
}

std::optional<Diagnostic> apply_unified_diff(const std::string& patch, const std::string& patch_file,
                                             FileTree& tree) {
  const auto files = parse_patch(patch, patch_file);
  if (!files) return files.error();
  for (const auto& file : *files) {
    if (auto error = apply_file(file, patch_file, tree)) return error;
  }
  return std::nullopt;
}

}  // namespace roadwork::course

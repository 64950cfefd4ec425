#include "app/term/markdown_table.hpp"

#include <algorithm>
#include <numeric>

namespace roadwork::term::markdown {

namespace {

constexpr std::string_view kColumnSeparator = " │ ";
constexpr int kSeparatorWidth = 3;

std::size_t column_count(const Table& table) {
  std::size_t columns = table.aligns.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  return columns;
}

// Column widths whose sum fits in `available`, none narrower than its longest word; empty when the words
// do not fit side by side. Narrow columns keep their natural width (a column narrower than an equal share
// of what is left never wraps); the wide ones share the rest in proportion to their natural widths, each
// keeping its minimum.
std::vector<int> column_widths(const Table& table, std::size_t columns, int available) {
  std::vector<int> natural(columns, 1), minimum(columns, 1);
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      natural[c] = std::max(natural[c], natural_width(row[c]));
      minimum[c] = std::max(minimum[c], longest_word(row[c]));
    }
  }
  std::vector<int> widths(columns, 0);
  std::vector<std::size_t> open(columns);
  std::iota(open.begin(), open.end(), 0);
  int remaining = available;
  for (bool fixed = true; fixed && !open.empty();) {
    fixed = false;
    const int share = remaining / static_cast<int>(open.size());
    for (auto it = open.begin(); it != open.end();) {
      if (natural[*it] <= share) {
        widths[*it] = natural[*it];
        remaining -= natural[*it];
        it = open.erase(it);
        fixed = true;
      } else {
        ++it;
      }
    }
  }
  if (open.empty()) return widths;
  int open_natural = 0, open_minimum = 0;
  for (const auto c : open) {
    open_natural += natural[c];
    open_minimum += minimum[c];
  }
  if (open_minimum > remaining) return {};
  int given = 0;
  for (const auto c : open) {
    widths[c] = minimum[c] + static_cast<int>(static_cast<long long>(remaining - open_minimum) * natural[c] /
                                              open_natural);
    given += widths[c];
  }
  // Rounding down leaves a few columns over: the open columns take one each, from the left.
  for (std::size_t i = 0; given < remaining; ++i, ++given) ++widths[open[i % open.size()]];
  return widths;
}

std::string pad(const std::string& text, int text_width, int width, Align align) {
  const int room = std::max(0, width - text_width);
  const int left = align == Align::Right ? room : align == Align::Center ? room / 2 : 0;
  return std::string(static_cast<std::size_t>(left), ' ') + text +
         std::string(static_cast<std::size_t>(room - left), ' ');
}

std::string trim_right(std::string text) {
  text.erase(text.find_last_not_of(' ') + 1);
  return text;
}

// A table too wide for whole words side by side, as one record per body row: each cell on its own lines as
// "header: value", wrapped, records apart by a blank line.
std::vector<std::string> render_records(const Table& table, const Style& style, int width) {
  std::vector<std::string> out;
  for (std::size_t r = static_cast<std::size_t>(table.header_rows); r < table.rows.size(); ++r) {
    if (!out.empty()) out.emplace_back();
    const auto& row = table.rows[r];
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::vector<Run> field;
      if (table.header_rows > 0 && c < table.rows.front().size() && !table.rows.front()[c].empty()) {
        field = with_look(table.rows.front()[c], kStrong);
        field.push_back({":", kStrong});
        field.push_back({" ", kPlain});
      }
      field.insert(field.end(), row[c].begin(), row[c].end());
      for (const auto& line : wrap(field, width)) out.push_back(paint(line, style));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> render_table(const Table& table, const Style& style, int width) {
  const auto columns = column_count(table);
  if (columns == 0) return {};
  const int separators = kSeparatorWidth * static_cast<int>(columns - 1);
  const auto widths = column_widths(table, columns, std::max(1, width - separators));
  if (widths.empty()) return render_records(table, style, width);
  const auto align = [&](std::size_t c) { return c < table.aligns.size() ? table.aligns[c] : Align::Left; };

  std::vector<std::string> out;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const bool header = static_cast<int>(r) < table.header_rows;
    std::vector<std::vector<Line>> cells(columns);
    std::size_t height = 1;
    for (std::size_t c = 0; c < columns; ++c) {
      const auto& row = table.rows[r];
      const auto runs = c < row.size() ? row[c] : std::vector<Run>{};
      cells[c] = wrap(header ? with_look(runs, kStrong) : runs, widths[c]);
      height = std::max(height, cells[c].size());
    }
    for (std::size_t l = 0; l < height; ++l) {
      std::string line;
      for (std::size_t c = 0; c < columns; ++c) {
        if (c > 0) line += style.dim(kColumnSeparator);
        const Line empty;
        const auto& cell = l < cells[c].size() ? cells[c][l] : empty;
        line += pad(paint(cell, style), cell.width, widths[c], align(c));
      }
      out.push_back(trim_right(std::move(line)));
    }
    if (header && static_cast<int>(r) + 1 == table.header_rows) {
      std::string rule;
      for (std::size_t c = 0; c < columns; ++c) {
        if (c > 0) rule += "─┼─";
        for (int i = 0; i < widths[c]; ++i) rule += "─";
      }
      out.push_back(style.dim(rule));
    }
  }
  return out;
}

}  // namespace roadwork::term::markdown

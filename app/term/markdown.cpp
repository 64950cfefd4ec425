#include "app/term/markdown.hpp"

#include <md4c.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "app/term/markdown_table.hpp"
#include "app/term/markdown_text.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::term {

namespace {

using namespace markdown;

constexpr std::array<std::string_view, 3> kBullets = {"•", "◦", "▪"};

std::string repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// Walks md4c's callbacks and writes the terminal text. Inline text is gathered in runs_ until its block
// ends, then wrapped to the width left after the prefixes of the enclosing quotes and list items.
class Renderer {
 public:
  Renderer(const Style& style, int width) : style_(style), width_(std::max(width, 1)) {}

  std::string take() && { return std::move(out_); }

  void enter_block(MD_BLOCKTYPE type, const void* detail);
  void leave_block(MD_BLOCKTYPE type);
  void enter_span(MD_SPANTYPE type, const void* detail);
  void leave_span(MD_SPANTYPE type);
  void text(MD_TEXTTYPE type, std::string_view text);

 private:
  // A block that prefixes the lines inside it: a quote's bar, or a list item's marker on its first line
  // and as many spaces on the others. Lists hold the numbering of their items.
  struct Container {
    enum Kind { Quote, List, Item } kind;
    std::string first = {}, rest = {};  // Item
    bool started = false;               // Item: its first line is out
    bool ordered = false;               // List
    unsigned next = 1;                  // List: the number of its next item
    char delimiter = '.';               // List: "1." or "1)"
  };
  struct Link {
    std::size_t first_run;  // where its text starts in runs_
    std::string target;
  };

  int prefix_width() const;
  int available() const { return std::max(1, width_ - prefix_width()); }
  void emit_line(const std::string& content);
  void emit_blank_line();
  void begin_block();
  void flush_inline();
  void add(std::string_view text, unsigned look);
  void start_item();
  void finish_heading();
  void finish_code();
  void finish_link();

  const Style& style_;
  int width_;
  std::string out_;
  std::vector<Container> containers_;
  bool blank_pending_ = false;  // a blank line goes before the next block
  std::vector<Run> runs_;
  std::vector<unsigned> looks_;  // one per open span
  std::vector<Link> links_;
  unsigned heading_level_ = 0;
  std::array<int, 7> heading_numbers_{};  // per level, for "2.1"
  bool in_code_ = false;
  std::string code_, code_language_;
  std::optional<Table> table_;
  bool in_table_head_ = false;
};

int Renderer::prefix_width() const {
  int width = 0;
  for (const auto& container : containers_) {
    if (container.kind == Container::Quote) width += 2;
    if (container.kind == Container::Item) width += display_width(container.rest);
  }
  return width;
}

void Renderer::emit_line(const std::string& content) {
  for (auto& container : containers_) {
    if (container.kind == Container::Quote) out_ += style_.dim("│") + " ";
    if (container.kind == Container::Item)
      out_ += std::exchange(container.started, true) ? container.rest : container.first;
  }
  out_ += content;
  out_ += '\n';
}

// A blank line keeps the bars of the quotes it is in, and nothing after the last bar.
void Renderer::emit_blank_line() {
  std::string gap;
  for (const auto& container : containers_) {
    if (container.kind == Container::Quote) {
      out_ += gap + style_.dim("│");
      gap = " ";
    } else if (container.kind == Container::Item) {
      gap += container.rest;
    }
  }
  out_ += '\n';
}

void Renderer::begin_block() {
  if (std::exchange(blank_pending_, false) && !out_.empty()) emit_blank_line();
}

// Writes the inline text gathered so far: a paragraph, or the text of a tight list item.
void Renderer::flush_inline() {
  if (runs_.empty()) return;
  begin_block();
  for (const auto& line : wrap(runs_, available())) emit_line(paint(line, style_));
  runs_.clear();
}

void Renderer::add(std::string_view text, unsigned look) {
  for (const auto open : looks_) look |= open;
  if (!runs_.empty() && runs_.back().look == look && !(look & kBreak))
    runs_.back().text += text;
  else
    runs_.push_back({std::string(text), look});
}

void Renderer::start_item() {
  int depth = 0;
  Container* list = nullptr;
  for (auto& container : containers_) {
    if (container.kind == Container::List) {
      ++depth;
      list = &container;
    }
  }
  std::string marker = "•";
  if (list && list->ordered)
    marker = std::to_string(list->next++) + list->delimiter;
  else if (depth > 0)
    marker = std::string(kBullets[static_cast<std::size_t>(depth - 1) % kBullets.size()]);
  marker += ' ';
  const std::string indent(static_cast<std::size_t>(display_width(marker)), ' ');
  containers_.push_back({.kind = Container::Item, .first = marker, .rest = indent});
}

// Whether a heading's text starts with its own number ("1. DNS turns the name…", "2) Send it"): such a
// heading is shown as written, never numbered twice.
bool numbered_by_author(const std::vector<Run>& runs) {
  if (runs.empty()) return false;
  const std::string_view text = runs.front().text;
  const auto digits = text.find_first_not_of("0123456789");
  return digits > 0 && digits != std::string_view::npos && (text[digits] == '.' || text[digits] == ')') &&
         (digits + 1 == text.size() || text[digits + 1] == ' ');
}

// Level 1 is the title; levels 2 and deeper are numbered like "2." and "2.1", so the outline shows
// without colour, unless the author numbered the heading. Levels 1 and 2 are underlined.
void Renderer::finish_heading() {
  const auto level = static_cast<std::size_t>(std::clamp(heading_level_, 1u, 6u));
  std::string number;
  if (level == 1) {
    heading_numbers_.fill(0);
  } else {
    ++heading_numbers_[level];
    std::fill(heading_numbers_.begin() + static_cast<std::ptrdiff_t>(level) + 1, heading_numbers_.end(), 0);
    int parts = 0;
    for (std::size_t l = 2; l <= level; ++l) {
      if (number.empty() && heading_numbers_[l] == 0) continue;  // a skipped level, e.g. ### without ##
      number += (number.empty() ? "" : ".") + std::to_string(heading_numbers_[l]);
      ++parts;
    }
    if (parts == 1) number += '.';
    if (!numbered_by_author(runs_)) runs_.insert(runs_.begin(), Run{number + " ", kPlain});
  }
  begin_block();
  int widest = 0;
  for (const auto& line : wrap(with_look(std::move(runs_), kStrong), available())) {
    emit_line(paint(line, style_));
    widest = std::max(widest, line.width);
  }
  runs_.clear();
  if (level <= 2) emit_line(style_.dim(repeat(level == 1 ? "═" : "─", widest)));
  blank_pending_ = true;
}

// Code is shown as written, line for line, tabs as spaces to CommonMark's 4-column stops. A line wider than
// the frame continues on lines marked ┆ instead of ┃, so the frame stays whole and a learner still sees
// where each line of code begins.
void Renderer::finish_code() {
  begin_block();
  emit_line(style_.dim(code_language_.empty() ? "┏━" : "┏━ " + code_language_));
  std::string_view code = code_;
  if (!code.empty() && code.back() == '\n') code.remove_suffix(1);
  for (std::size_t start = 0; start <= code.size();) {
    const auto end = std::min(code.find('\n', start), code.size());
    const auto line = expand_tabs(code.substr(start, end - start), 4);
    if (line.empty()) emit_line(style_.dim("┃"));
    bool first = true;
    for (const auto& piece :
         line.empty() ? std::vector<std::string>{} : cut_code_line(line, available() - 2)) {
      emit_line(style_.dim(first ? "┃" : "┆") + " " + style_.code(piece));
      first = false;
    }
    start = end + 1;
  }
  emit_line(style_.dim("┗━"));
  in_code_ = false;
  blank_pending_ = true;
}

// A link shows its target after its text, unless the text is the target (an autolink).
void Renderer::finish_link() {
  const auto link = std::move(links_.back());
  links_.pop_back();
  std::string text;
  for (auto i = link.first_run; i < runs_.size(); ++i) text += runs_[i].text;
  if (link.target.empty() || text == link.target || "mailto:" + text == link.target) return;
  add(" (", kPlain);
  add(link.target, kUrl);
  add(")", kPlain);
}

void Renderer::enter_block(MD_BLOCKTYPE type, const void* detail) {
  switch (type) {
    case MD_BLOCK_QUOTE:
      flush_inline();
      begin_block();
      containers_.push_back({.kind = Container::Quote});
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: {
      flush_inline();
      begin_block();
      Container list{.kind = Container::List};
      if (type == MD_BLOCK_OL) {
        const auto* ol = static_cast<const MD_BLOCK_OL_DETAIL*>(detail);
        list.ordered = true;
        list.next = ol->start;
        list.delimiter = ol->mark_delimiter;
      }
      containers_.push_back(list);
      break;
    }
    case MD_BLOCK_LI:
      flush_inline();
      start_item();
      break;
    case MD_BLOCK_HR:
      flush_inline();
      begin_block();
      emit_line(style_.dim(repeat("─", available())));
      blank_pending_ = true;
      break;
    case MD_BLOCK_H:
      flush_inline();
      heading_level_ = static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level;
      break;
    case MD_BLOCK_CODE: {
      flush_inline();
      const auto& lang = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail)->lang;
      in_code_ = true;
      code_.clear();
      code_language_.assign(lang.text, lang.size);
      break;
    }
    case MD_BLOCK_TABLE:
      flush_inline();
      table_.emplace();
      break;
    case MD_BLOCK_THEAD:
      in_table_head_ = true;
      break;
    case MD_BLOCK_TR:
      table_->rows.emplace_back();
      table_->header_rows += in_table_head_;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (table_->rows.size() == 1) {
        const auto align = static_cast<const MD_BLOCK_TD_DETAIL*>(detail)->align;
        table_->aligns.push_back(align == MD_ALIGN_RIGHT    ? Align::Right
                                 : align == MD_ALIGN_CENTER ? Align::Center
                                                            : Align::Left);
      }
      break;
    default:  // the document, paragraphs, table bodies and (never sent: MD_FLAG_NOHTML) HTML blocks
      break;
  }
}

void Renderer::leave_block(MD_BLOCKTYPE type) {
  switch (type) {
    case MD_BLOCK_P:
      flush_inline();
      blank_pending_ = true;
      break;
    case MD_BLOCK_H:
      finish_heading();
      break;
    case MD_BLOCK_CODE:
      finish_code();
      break;
    case MD_BLOCK_QUOTE:
      flush_inline();
      containers_.pop_back();
      blank_pending_ = true;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      flush_inline();
      containers_.pop_back();
      // A list nested in an item runs on into the next item; only an outermost list is set apart.
      blank_pending_ =
          blank_pending_ || std::none_of(containers_.begin(), containers_.end(),
                                         [](const auto& c) { return c.kind == Container::Item; });
      break;
    case MD_BLOCK_LI:
      flush_inline();
      containers_.pop_back();
      break;
    case MD_BLOCK_THEAD:
      in_table_head_ = false;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      table_->rows.back().push_back(std::exchange(runs_, {}));
      break;
    case MD_BLOCK_TABLE:
      begin_block();
      for (const auto& line : render_table(*table_, style_, available())) emit_line(line);
      table_.reset();
      blank_pending_ = true;
      break;
    default:
      break;
  }
}

void Renderer::enter_span(MD_SPANTYPE type, const void* detail) {
  unsigned look = kPlain;
  switch (type) {
    case MD_SPAN_EM:
      look = kEmphasis;
      break;
    case MD_SPAN_STRONG:
      look = kStrong;
      break;
    case MD_SPAN_CODE:
      look = kCode;
      break;
    case MD_SPAN_A: {
      const auto& href = static_cast<const MD_SPAN_A_DETAIL*>(detail)->href;
      links_.push_back({runs_.size(), std::string(href.text, href.size)});
      break;
    }
    case MD_SPAN_IMG: {
      const auto& src = static_cast<const MD_SPAN_IMG_DETAIL*>(detail)->src;
      links_.push_back({runs_.size(), std::string(src.text, src.size)});
      break;
    }
    default:
      break;
  }
  looks_.push_back(look);
}

void Renderer::leave_span(MD_SPANTYPE type) {
  looks_.pop_back();
  if (type == MD_SPAN_A || type == MD_SPAN_IMG) finish_link();
}

void Renderer::text(MD_TEXTTYPE type, std::string_view text) {
  if (in_code_) {
    code_ += text;
    return;
  }
  switch (type) {
    case MD_TEXT_CODE:
      add(text, kCode);
      break;
    case MD_TEXT_SOFTBR:
      add(" ", kPlain);
      break;
    case MD_TEXT_BR:
      add("", kBreak);
      break;
    case MD_TEXT_ENTITY:
      add(decode_entity(text), kPlain);
      break;
    case MD_TEXT_NULLCHAR:
      add("\uFFFD", kPlain);
      break;
    default:
      add(text, kPlain);
      break;
  }
}

Renderer& renderer(void* data) { return *static_cast<Renderer*>(data); }

}  // namespace

std::string render_markdown(std::string_view markdown, const Style& style, int width) {
  Renderer out(style, width);
  MD_PARSER parser{};
  // Raw HTML is shown as text: a lesson about XSS may well write <script> outside a code span.
  parser.flags = MD_FLAG_TABLES | MD_FLAG_COLLAPSEWHITESPACE | MD_FLAG_NOHTML;
  parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* data) {
    renderer(data).enter_block(type, detail);
    return 0;
  };
  parser.leave_block = [](MD_BLOCKTYPE type, void*, void* data) {
    renderer(data).leave_block(type);
    return 0;
  };
  parser.enter_span = [](MD_SPANTYPE type, void* detail, void* data) {
    renderer(data).enter_span(type, detail);
    return 0;
  };
  parser.leave_span = [](MD_SPANTYPE type, void*, void* data) {
    renderer(data).leave_span(type);
    return 0;
  };
  parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* data) {
    renderer(data).text(type, std::string_view(text, size));
    return 0;
  };
  // A pack's text is shown, never obeyed: its control characters are written out before parsing (tab and
  // newline aside), and decode_entity never makes one.
  const auto visible = text::escape_controls(markdown);
  md_parse(visible.data(), static_cast<MD_SIZE>(visible.size()), &parser, &out);
  return std::move(out).take();
}

}  // namespace roadwork::term

#pragma once
// Text from servers, requests and packs made safe to show: what a terminal would act on is written out.

#include <string>
#include <string_view>

namespace roadwork::text {

/// `text` with every control character but newline and tab written as visible text: C0 controls and DEL
/// as `\xNN` (ESC is `\x1b`), C1 controls (U+0080–U+009F, UTF-8 C2 80–C2 9F) as `\u0080`–`\u009f`, so that
/// no escape sequence (ECMA-48: CSI, OSC such as OSC 52's clipboard write) reaches a terminal or a page.
/// Everything else, invalid UTF-8 included, is kept byte for byte.
std::string escape_controls(std::string_view text);

}  // namespace roadwork::text

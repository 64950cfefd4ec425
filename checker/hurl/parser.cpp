#include "checker/hurl/parser.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "checker/hurl/lines.hpp"
#include "checker/hurl/reader.hpp"
#include "checker/hurl/request.hpp"
#include "checker/hurl/response.hpp"

namespace roadwork::hurl {

namespace {

// Hurl grammar: hurl-file, `entry* lt*`, with entry `request response?`.
HurlFile read_file(std::string_view source, const std::string& path) {
  detail::Reader reader(source, path);
  reader.check_utf8();
  HurlFile file;
  file.path = path;
  for (reader.skip_empty_lines(); !reader.at_end(); reader.skip_empty_lines()) {
    if (detail::at_status_line(reader) || !detail::at_method_line(reader)) {
      reader.fail("expected a request: METHOD url");
    }
    Entry entry;
    entry.request = detail::read_request(reader);
    if (detail::at_status_line(reader)) entry.response = detail::read_response(reader);
    file.entries.push_back(std::move(entry));
  }
  return file;
}

}  // namespace

ParseResult parse(std::string_view source, const std::string& path) {
  try {
    return {read_file(source, path), {}};
  } catch (const detail::SyntaxError& error) {
    return {std::nullopt, {error.diagnostic}};
  }
}

ParseResult parse_file(const std::string& path) {
  const auto fail = [&] {
    return ParseResult{std::nullopt,
                       {{{path, 1, 1}, std::string("cannot read file: ") + std::strerror(errno)}}};
  };
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!stream) return fail();
  std::string source;
  char buffer[65536];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, stream.get())) > 0) source.append(buffer, count);
  if (std::ferror(stream.get())) return fail();
  return parse(source, path);
}

}  // namespace roadwork::hurl

#include "checker/run/content_coding.hpp"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace roadwork::run {

namespace {

constexpr std::size_t kChunk = 64 * 1024;

// zlib's window bits for gzip (RFC 1952), for deflate as HTTP means it, in zlib's wrapper (RFC 1950), and for
// the raw deflate (RFC 1951) some servers send instead.
constexpr int kGzip = 15 + 16;
constexpr int kZlib = 15;
constexpr int kRawDeflate = -15;

bool inflate_body(const std::string& in, std::string& out, std::size_t max_bytes, int window_bits) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) return false;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  int status = Z_OK;
  char chunk[kChunk];
  while (status == Z_OK && out.size() <= max_bytes) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // the input ended early
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END || out.size() > max_bytes;
}

bool brotli_body(const std::string& in, std::string& out, std::size_t max_bytes) {
  auto* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) return false;
  auto available_in = in.size();
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(in.data());
  auto result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  std::uint8_t chunk[kChunk];
  while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT && out.size() <= max_bytes) {
    std::size_t available_out = sizeof chunk;
    auto* next_out = chunk;
    result =
        BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(chunk), sizeof chunk - available_out);
  }
  BrotliDecoderDestroyInstance(state);
  return result == BROTLI_DECODER_RESULT_SUCCESS || out.size() > max_bytes;
}

}  // namespace

bool decode_content(std::string_view codings, std::string& body, std::size_t max_bytes, bool& truncated) {
  std::vector<std::string> list;
  for (std::size_t start = 0; start <= codings.size();) {
    const auto comma = std::min(codings.find(',', start), codings.size());
    std::string item;
    for (const char c : codings.substr(start, comma - start))
      if (c != ' ' && c != '\t') item += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!item.empty()) list.push_back(item);
    start = comma + 1;
  }
  for (auto coding = list.rbegin(); coding != list.rend(); ++coding) {
    std::string decoded;
    bool ok = true;
    if (*coding == "gzip" || *coding == "x-gzip") {
      ok = inflate_body(body, decoded, max_bytes, kGzip);
    } else if (*coding == "deflate") {
      ok = inflate_body(body, decoded, max_bytes, kZlib);
      if (!ok) {
        decoded.clear();
        ok = inflate_body(body, decoded, max_bytes, kRawDeflate);
      }
    } else if (*coding == "br") {
      ok = brotli_body(body, decoded, max_bytes);
    } else {
      continue;
    }
    if (!ok) return false;
    if (decoded.size() > max_bytes) {
      decoded.resize(max_bytes);
      truncated = true;
    }
    body = std::move(decoded);
  }
  return true;
}

}  // namespace roadwork::run

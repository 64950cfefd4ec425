// Stored password hashes (app/checking/password_hash.hpp): each recognised format made by the library that
// real servers use (OpenSSL, libxcrypt, libargon2) verifies with its password and not with another, and
// values below a floor, too costly or in no known format are refused with a sentence that says why.

#include <argon2.h>
#include <crypt.h>
#include <doctest/doctest.h>
#include <openssl/evp.h>

#include <string>

#include "app/checking/password_hash.hpp"
#include "checker/run/encoding.hpp"

using roadwork::checking::PasswordHash;

namespace {

const std::string kSalt = "sixteen byte slt";  // 16 bytes, the smallest salt the floor accepts
const std::string kPassword = "correct horse battery";

std::string unpadded_base64(const std::string& bytes) {
  auto text = roadwork::run::base64_encode(bytes);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::string scrypt_phc(unsigned ln, const std::string& salt = kSalt) {
  std::string key(32, '\0');
  REQUIRE(EVP_PBE_scrypt(kPassword.data(), kPassword.size(),
                         reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), 1ULL << ln, 8, 1,
                         0, reinterpret_cast<unsigned char*>(key.data()), key.size()) == 1);
  return "$scrypt$ln=" + std::to_string(ln) + ",r=8,p=1$" + unpadded_base64(salt) + "$" +
         unpadded_base64(key);
}

std::string pbkdf2_key(int iterations, const std::string& salt) {
  std::string key(32, '\0');
  REQUIRE(PKCS5_PBKDF2_HMAC(kPassword.data(), static_cast<int>(kPassword.size()),
                            reinterpret_cast<const unsigned char*>(salt.data()),
                            static_cast<int>(salt.size()), iterations, EVP_sha256(), 32,
                            reinterpret_cast<unsigned char*>(key.data())) == 1);
  return key;
}

std::string bcrypt(unsigned long cost) {
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  REQUIRE(crypt_gensalt_rn("$2b$", cost, nullptr, 0, setting, sizeof setting) != nullptr);
  crypt_data data{};
  return crypt_r(kPassword.c_str(), setting, &data);
}

std::string argon2id(std::uint32_t t, std::uint32_t m) {
  char encoded[256];
  REQUIRE(argon2id_hash_encoded(t, m, 1, kPassword.data(), kPassword.size(), kSalt.data(), kSalt.size(), 32,
                                encoded, sizeof encoded) == ARGON2_OK);
  return encoded;
}

// The parsed value; fails the test, with the problem, when it does not parse.
PasswordHash parsed(const std::string& stored) {
  std::string problem;
  auto hash = PasswordHash::parse(stored, problem);
  INFO(stored, ": ", problem);
  REQUIRE(hash.has_value());
  return *hash;
}

std::string refusal(const std::string& stored) {
  std::string problem;
  CHECK_FALSE(PasswordHash::parse(stored, problem).has_value());
  return problem;
}

void check_verifies_only_its_password(const std::string& stored) {
  const auto hash = parsed(stored);
  CHECK(hash.verifies(kPassword));
  CHECK_FALSE(hash.verifies("correct horse batterY"));
}

}  // namespace

TEST_CASE("scrypt PHC strings verify, with any base64 alphabet and padding") {
  const auto stored = scrypt_phc(14);
  check_verifies_only_its_password(stored);
  CHECK(parsed(stored).description() == "scrypt (N = 2^14, r = 8, p = 1)");
  // A salt whose base64 has + and /: URL-safe digits and padding read the same bytes.
  const std::string salt = "\xfb\xff\xbf salt of 16 b";
  auto url_safe = scrypt_phc(14, salt);
  for (auto& c : url_safe) c = c == '+' ? '-' : c == '/' ? '_' : c;
  check_verifies_only_its_password(url_safe);
}

TEST_CASE("PBKDF2-HMAC-SHA256: PHC with i=, passlib's form with its . alphabet, and Django's") {
  const auto key = pbkdf2_key(100000, kSalt);
  check_verifies_only_its_password("$pbkdf2-sha256$i=100000$" + unpadded_base64(kSalt) + "$" +
                                   unpadded_base64(key));
  auto passlib = "$pbkdf2-sha256$100000$" + unpadded_base64(kSalt) + "$" + unpadded_base64(key);
  for (auto& c : passlib) c = c == '+' ? '.' : c;
  check_verifies_only_its_password(passlib);
  const std::string django_salt = "Zr3kQ9vXw2LmNp7Ta1Bc0d";  // Django hashes with the salt's text itself
  check_verifies_only_its_password("pbkdf2_sha256$100000$" + django_salt + "$" +
                                   roadwork::run::base64_encode(pbkdf2_key(100000, django_salt)));
}

TEST_CASE("bcrypt and Argon2 strings verify") {
  check_verifies_only_its_password(bcrypt(10));
  CHECK(parsed(bcrypt(10)).description() == "bcrypt (cost 10)");
  check_verifies_only_its_password(argon2id(2, 19456));
  CHECK(parsed(argon2id(2, 19456)).description() == "argon2id (m = 19456 KiB, t = 2, p = 1)");
}

TEST_CASE("a cost below the floor is refused, naming the floor") {
  CHECK(refusal(scrypt_phc(13)) ==
        "scrypt (N = 2^13, r = 8, p = 1) is below the floor N = 2^14, r = 8, p = 1");
  CHECK(refusal("$pbkdf2-sha256$i=99999$" + unpadded_base64(kSalt) + "$" +
                unpadded_base64(pbkdf2_key(99999, kSalt))) ==
        "PBKDF2-HMAC-SHA256 (99999 iterations) is below the floor of 100000 iterations");
  CHECK(refusal(bcrypt(9)) == "bcrypt (cost 9) is below the floor of cost 10");
  CHECK(refusal(argon2id(3, 4096)).find("is below the floor m = 19456 KiB with t = 2") != std::string::npos);
}

TEST_CASE("a short salt, a value too costly to check and an unknown format are refused") {
  CHECK(refusal(scrypt_phc(14, "8 bytes!")) ==
        "its salt has 8 bytes and its hash 32; each needs at least 16");
  CHECK(refusal("$scrypt$ln=24,r=8,p=1$c2l4dGVlbiBieXRlIHNsdA$c2l4dGVlbiBieXRlIHNsdA")
            .find("too costly to check") != std::string::npos);
  // The format taskboard's README gave before, without its cost: roadwork cannot recompute it.
  CHECK(refusal("scrypt$00112233445566778899aabbccddeeff$00112233445566778899aabbccddeeff")
            .rfind("it is not a password hash format roadwork recognises", 0) == 0);
  CHECK(refusal("correct horse battery").rfind("it is not a password hash format", 0) == 0);
  CHECK(refusal("$scrypt$n=16384,r=8,p=1$c2FsdA$aGFzaA") ==
        "a $scrypt$ value needs its parameters as ln=<log2 N>,r=<r>,p=<p>");
}

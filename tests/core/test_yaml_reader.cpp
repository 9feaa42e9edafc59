#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/yaml_reader.hpp"

namespace strider {

TEST(YamlReader, SuggestsClosestKey) {
  EXPECT_EQ(closest_match("duraton_s", {"duration_s", "dt_s", "seed"}), "duration_s");
  EXPECT_EQ(closest_match("zzzzzzzzzz", {"duration_s", "dt_s"}), "");
}

TEST(YamlReader, RejectsNonFiniteAndNonNumbers) {
  for (const char* text : {"x: .nan", "x: .inf", "x: -.inf", "x: nan", "x: abc", "x: [1]"}) {
    YamlMap map(parse_yaml(text, "f.yaml"), "f.yaml", "");
    EXPECT_THROW(map.number("x"), InputError) << text;
  }
}

TEST(YamlReader, SyntaxErrorNamesLine) {
  try {
    parse_yaml("a: 1\nb: [1, 2\n", "bad.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "bad.yaml");
    EXPECT_NE(e.key().find("line"), std::string::npos);
  }
}

}  // namespace strider

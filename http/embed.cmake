# cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake: file's bytes as
# the C array symbol (NUL-terminated) and its length symbol_len, so the
# binary serves a file of the tree without reading it at run time.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}" "/* generated from ${IN} by http/embed.cmake */\n#include <stddef.h>\n"
  "extern const char ${NAME}[];\nextern const size_t ${NAME}_len;\n"
  "const char ${NAME}[] = {\n${bytes}0 };\nconst size_t ${NAME}_len = ${len};\n")

(module
 (type $0 (func (param i32 i32) (result i32)))
 (type $1 (func (param i32) (result i32)))
 (type $2 (func (param i32 i32 i32) (result i32)))
 (type $3 (func (result i32)))
 (type $4 (func (param i32)))
 (type $5 (func (param i32 i32)))
 (type $6 (func (param i32 i32 i32 i32) (result i32)))
 (type $7 (func (param i32 i32 i32)))
 (type $8 (func (param i32) (result f64)))
 (type $9 (func (param i32 i32 i32 i32 i32) (result i32)))
 (type $10 (func (param f64 i32) (result i32)))
 (type $11 (func (param i32 i32 i32 i32 i32 i32) (result i32)))
 (type $12 (func (param i64) (result i32)))
 (type $13 (func (param f64) (result i32)))
 (type $14 (func (param i64 i32 i32) (result i32)))
 (type $15 (func (param f64) (result f64)))
 (type $16 (func (param i32 i32 i64) (result i32)))
 (type $17 (func (result i64)))
 (type $18 (func (param i32 i32 i32 i32)))
 (import "env" "memory" (memory $0 2))
 (import "env" "opa_abort" (func $assembly/env/opa_abort (param i32)))
 (global $assembly/malloc/heapPtr (mut i32) (i32.const 0))
 (global $assembly/float-format/bigLen (mut i32) (i32.const 0))
 (global $assembly/float-format/digitsExp (mut i32) (i32.const 0))
 (global $assembly/float-format/shortestExp (mut i32) (i32.const 0))
 (global $assembly/number/decNeg (mut i32) (i32.const 0))
 (global $assembly/number/decExp (mut i32) (i32.const 0))
 (global $assembly/number/tryIntResult (mut i64) (i64.const 0))
 (global $assembly/utf8/decodedWidth (mut i32) (i32.const 1))
 (global $assembly/json-parse/pos (mut i32) (i32.const 0))
 (global $assembly/json-parse/end (mut i32) (i32.const 0))
 (global $assembly/json-parse/failed (mut i32) (i32.const 0))
 (global $assembly/json-parse/regoTerms (mut i32) (i32.const 0))
 (global $assembly/json-dump/buf (mut i32) (i32.const 0))
 (global $assembly/json-dump/len (mut i32) (i32.const 0))
 (global $assembly/json-dump/cap (mut i32) (i32.const 0))
 (global $assembly/bigint/intNeg (mut i32) (i32.const 0))
 (global $assembly/bigint/intLen (mut i32) (i32.const 0))
 (global $assembly/builtins/arithmetic/intA (mut i64) (i64.const 0))
 (global $assembly/builtins/arithmetic/intB (mut i64) (i64.const 0))
 (global $~lib/util/math/log_tail (mut f64) (f64.const 0))
 (data $0 (i32.const 1024) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $1 (i32.const 1168) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $2 (i32.const 1568) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $3 (i32.const 2368) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $4 (i32.const 3168) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $5 (i32.const 3968) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $6 (i32.const 4000) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $7 (i32.const 4032) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $8 (i32.const 4096) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $9 (i32.const 4172) "\cc\00\00\00\00\00\00\00\00\00\00\00\04\00\00\00\b8\00\00\00\00\00\00\00\00\00\f0?\00\00\00\00\00\00$@\00\00\00\00\00\00Y@\00\00\00\00\00@\8f@\00\00\00\00\00\88\c3@\00\00\00\00\00j\f8@\00\00\00\00\80\84.A\00\00\00\00\d0\12cA\00\00\00\00\84\d7\97A\00\00\00\00e\cd\cdA\00\00\00 _\a0\02B\00\00\00\e8vH7B\00\00\00\a2\94\1amB\00\00@\e5\9c0\a2B\00\00\90\1e\c4\bc\d6B\00\004&\f5k\0cC\00\80\e07y\c3AC\00\a0\d8\85W4vC\00\c8Ngm\c1\abC\00=\91`\e4X\e1C@\8c\b5x\1d\af\15DP\ef\e2\d6\e4\1aKD\92\d5M\06\cf\f0\80D\00\00\00\00")
 (data $10 (i32.const 4380) "<\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00 \00\00\000\001\002\003\004\005\006\007\008\009\00a\00b\00c\00d\00e\00f\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $11 (i32.const 4444) ",\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\1a\00\00\00o\00u\00t\00 \00o\00f\00 \00m\00e\00m\00o\00r\00y\00\00\00")
 (data $12 (i32.const 4492) "L\00\00\00\00\00\00\00\00\00\00\00\02\00\00\000\00\00\00r\00u\00n\00t\00i\00m\00e\00 \00a\00s\00s\00e\00r\00t\00i\00o\00n\00 \00f\00a\00i\00l\00e\00d\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $13 (i32.const 4572) "<\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00$\00\00\00I\00n\00d\00e\00x\00 \00o\00u\00t\00 \00o\00f\00 \00r\00a\00n\00g\00e\00\00\00\00\00\00\00\00\00")
 (data $14 (i32.const 4636) "<\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00&\00\00\00~\00l\00i\00b\00/\00s\00t\00a\00t\00i\00c\00a\00r\00r\00a\00y\00.\00t\00s\00\00\00\00\00\00\00")
 (data $15 (i32.const 4704) "\00\00\00\00\00\a0\f6?\00\00\00\00\00\00\00\00\00\c8\b9\f2\82,\d6\bf\80V7($\b4\fa<\00\00\00\00\00\80\f6?\00\00\00\00\00\00\00\00\00\08X\bf\bd\d1\d5\bf \f7\e0\d8\08\a5\1c\bd\00\00\00\00\00`\f6?\00\00\00\00\00\00\00\00\00XE\17wv\d5\bfmP\b6\d5\a4b#\bd\00\00\00\00\00@\f6?\00\00\00\00\00\00\00\00\00\f8-\87\ad\1a\d5\bf\d5g\b0\9e\e4\84\e6\bc\00\00\00\00\00 \f6?\00\00\00\00\00\00\00\00\00xw\95_\be\d4\bf\e0>)\93i\1b\04\bd\00\00\00\00\00\00\f6?\00\00\00\00\00\00\00\00\00`\1c\c2\8ba\d4\bf\cc\84LH/\d8\13=\00\00\00\00\00\e0\f5?\00\00\00\00\00\00\00\00\00\a8\86\860\04\d4\bf:\0b\82\ed\f3B\dc<\00\00\00\00\00\c0\f5?\00\00\00\00\00\00\00\00\00HiUL\a6\d3\bf`\94Q\86\c6\b1 =\00\00\00\00\00\a0\f5?\00\00\00\00\00\00\00\00\00\80\98\9a\ddG\d3\bf\92\80\c5\d4MY%=\00\00\00\00\00\80\f5?\00\00\00\00\00\00\00\00\00 \e1\ba\e2\e8\d2\bf\d8+\b7\99\1e{&=\00\00\00\00\00`\f5?\00\00\00\00\00\00\00\00\00\88\de\13Z\89\d2\bf?\b0\cf\b6\14\ca\15=\00\00\00\00\00`\f5?\00\00\00\00\00\00\00\00\00\88\de\13Z\89\d2\bf?\b0\cf\b6\14\ca\15=\00\00\00\00\00@\f5?\00\00\00\00\00\00\00\00\00x\cf\fbA)\d2\bfv\daS($Z\16\bd\00\00\00\00\00 \f5?\00\00\00\00\00\00\00\00\00\98i\c1\98\c8\d1\bf\04T\e7h\bc\af\1f\bd\00\00\00\00\00\00\f5?\00\00\00\00\00\00\00\00\00\a8\ab\ab\\g\d1\bf\f0\a8\823\c6\1f\1f=\00\00\00\00\00\e0\f4?\00\00\00\00\00\00\00\00\00H\ae\f9\8b\05\d1\bffZ\05\fd\c4\a8&\bd\00\00\00\00\00\c0\f4?\00\00\00\00\00\00\00\00\00\90s\e2$\a3\d0\bf\0e\03\f4~\eek\0c\bd\00\00\00\00\00\a0\f4?\00\00\00\00\00\00\00\00\00\d0\b4\94%@\d0\bf\7f-\f4\9e\b86\f0\bc\00\00\00\00\00\a0\f4?\00\00\00\00\00\00\00\00\00\d0\b4\94%@\d0\bf\7f-\f4\9e\b86\f0\bc\00\00\00\00\00\80\f4?\00\00\00\00\00\00\00\00\00@^m\18\b9\cf\bf\87<\99\ab*W\r=\00\00\00\00\00`\f4?\00\00\00\00\00\00\00\00\00`\dc\cb\ad\f0\ce\bf$\af\86\9c\b7&+=\00\00\00\00\00@\f4?\00\00\00\00\00\00\00\00\00\f0*n\07\'\ce\bf\10\ff?TO/\17\bd\00\00\00\00\00 \f4?\00\00\00\00\00\00\00\00\00\c0Ok!\\\cd\bf\1bh\ca\bb\91\ba!=\00\00\00\00\00\00\f4?\00\00\00\00\00\00\00\00\00\a0\9a\c7\f7\8f\cc\bf4\84\9fhOy\'=\00\00\00\00\00\00\f4?\00\00\00\00\00\00\00\00\00\a0\9a\c7\f7\8f\cc\bf4\84\9fhOy\'=\00\00\00\00\00\e0\f3?\00\00\00\00\00\00\00\00\00\90-t\86\c2\cb\bf\8f\b7\8b1\b0N\19=\00\00\00\00\00\c0\f3?\00\00\00\00\00\00\00\00\00\c0\80N\c9\f3\ca\bff\90\cd?cN\ba<\00\00\00\00\00\a0\f3?\00\00\00\00\00\00\00\00\00\b0\e2\1f\bc#\ca\bf\ea\c1F\dcd\8c%\bd\00\00\00\00\00\a0\f3?\00\00\00\00\00\00\00\00\00\b0\e2\1f\bc#\ca\bf\ea\c1F\dcd\8c%\bd\00\00\00\00\00\80\f3?\00\00\00\00\00\00\00\00\00P\f4\9cZR\c9\bf\e3\d4\c1\04\d9\d1*\bd\00\00\00\00\00`\f3?\00\00\00\00\00\00\00\00\00\d0 e\a0\7f\c8\bf\t\fa\db\7f\bf\bd+=\00\00\00\00\00@\f3?\00\00\00\00\00\00\00\00\00\e0\10\02\89\ab\c7\bfXJSr\90\db+=\00\00\00\00\00@\f3?\00\00\00\00\00\00\00\00\00\e0\10\02\89\ab\c7\bfXJSr\90\db+=\00\00\00\00\00 \f3?\00\00\00\00\00\00\00\00\00\d0\19\e7\0f\d6\c6\bff\e2\b2\a3j\e4\10\bd\00\00\00\00\00\00\f3?\00\00\00\00\00\00\00\00\00\90\a7p0\ff\c5\bf9P\10\9fC\9e\1e\bd\00\00\00\00\00\00\f3?\00\00\00\00\00\00\00\00\00\90\a7p0\ff\c5\bf9P\10\9fC\9e\1e\bd\00\00\00\00\00\e0\f2?\00\00\00\00\00\00\00\00\00\b0\a1\e3\e5&\c5\bf\8f[\07\90\8b\de \bd\00\00\00\00\00\c0\f2?\00\00\00\00\00\00\00\00\00\80\cbl+M\c4\bf<x5a\c1\0c\17=\00\00\00\00\00\c0\f2?\00\00\00\00\00\00\00\00\00\80\cbl+M\c4\bf<x5a\c1\0c\17=\00\00\00\00\00\a0\f2?\00\00\00\00\00\00\00\00\00\90\1e \fcq\c3\bf:T\'M\86x\f1<\00\00\00\00\00\80\f2?\00\00\00\00\00\00\00\00\00\f0\1f\f8R\95\c2\bf\08\c4q\170\8d$\bd\00\00\00\00\00`\f2?\00\00\00\00\00\00\00\00\00`/\d5*\b7\c1\bf\96\a3\11\18\a4\80.\bd\00\00\00\00\00`\f2?\00\00\00\00\00\00\00\00\00`/\d5*\b7\c1\bf\96\a3\11\18\a4\80.\bd\00\00\00\00\00@\f2?\00\00\00\00\00\00\00\00\00\90\d0|~\d7\c0\bf\f4[\e8\88\96i\n=\00\00\00\00\00@\f2?\00\00\00\00\00\00\00\00\00\90\d0|~\d7\c0\bf\f4[\e8\88\96i\n=\00\00\00\00\00 \f2?\00\00\00\00\00\00\00\00\00\e0\db1\91\ec\bf\bf\f23\a3\\Tu%\bd\00\00\00\00\00\00\f2?\00\00\00\00\00\00\00\00\00\00+n\07\'\be\bf<\00\f0*,4*=\00\00\00\00\00\00\f2?\00\00\00\00\00\00\00\00\00\00+n\07\'\be\bf<\00\f0*,4*=\00\00\00\00\00\e0\f1?\00\00\00\00\00\00\00\00\00\c0[\8fT^\bc\bf\06\be_XW\0c\1d\bd\00\00\00\00\00\c0\f1?\00\00\00\00\00\00\00\00\00\e0J:m\92\ba\bf\c8\aa[\e859%=\00\00\00\00\00\c0\f1?\00\00\00\00\00\00\00\00\00\e0J:m\92\ba\bf\c8\aa[\e859%=\00\00\00\00\00\a0\f1?\00\00\00\00\00\00\00\00\00\a01\d6E\c3\b8\bfhV/M)|\13=\00\00\00\00\00\a0\f1?\00\00\00\00\00\00\00\00\00\a01\d6E\c3\b8\bfhV/M)|\13=\00\00\00\00\00\80\f1?\00\00\00\00\00\00\00\00\00`\e5\8a\d2\f0\b6\bf\das3\c97\97&\bd\00\00\00\00\00`\f1?\00\00\00\00\00\00\00\00\00 \06?\07\1b\b5\bfW^\c6a[\02\1f=\00\00\00\00\00`\f1?\00\00\00\00\00\00\00\00\00 \06?\07\1b\b5\bfW^\c6a[\02\1f=\00\00\00\00\00@\f1?\00\00\00\00\00\00\00\00\00\e0\1b\96\d7A\b3\bf\df\13\f9\cc\da^,=\00\00\00\00\00@\f1?\00\00\00\00\00\00\00\00\00\e0\1b\96\d7A\b3\bf\df\13\f9\cc\da^,=\00\00\00\00\00 \f1?\00\00\00\00\00\00\00\00\00\80\a3\ee6e\b1\bf\t\a3\8fv^|\14=\00\00\00\00\00\00\f1?\00\00\00\00\00\00\00\00\00\80\11\c00\n\af\bf\91\8e6\83\9eY-=\00\00\00\00\00\00\f1?\00\00\00\00\00\00\00\00\00\80\11\c00\n\af\bf\91\8e6\83\9eY-=\00\00\00\00\00\e0\f0?\00\00\00\00\00\00\00\00\00\80\19q\ddB\ab\bfLp\d6\e5z\82\1c=\00\00\00\00\00\e0\f0?\00\00\00\00\00\00\00\00\00\80\19q\ddB\ab\bfLp\d6\e5z\82\1c=\00\00\00\00\00\c0\f0?\00\00\00\00\00\00\00\00\00\c02\f6Xt\a7\bf\ee\a1\f24F\fc,\bd\00\00\00\00\00\c0\f0?\00\00\00\00\00\00\00\00\00\c02\f6Xt\a7\bf\ee\a1\f24F\fc,\bd\00\00\00\00\00\a0\f0?\00\00\00\00\00\00\00\00\00\c0\fe\b9\87\9e\a3\bf\aa\fe&\f5\b7\02\f5<\00\00\00\00\00\a0\f0?\00\00\00\00\00\00\00\00\00\c0\fe\b9\87\9e\a3\bf\aa\fe&\f5\b7\02\f5<\00\00\00\00\00\80\f0?\00\00\00\00\00\00\00\00\00\00x\0e\9b\82\9f\bf\e4\t~|&\80)\bd\00\00\00\00\00\80\f0?\00\00\00\00\00\00\00\00\00\00x\0e\9b\82\9f\bf\e4\t~|&\80)\bd\00\00\00\00\00`\f0?\00\00\00\00\00\00\00\00\00\80\d5\07\1b\b9\97\bf9\a6\fa\93T\8d(\bd\00\00\00\00\00@\f0?\00\00\00\00\00\00\00\00\00\00\fc\b0\a8\c0\8f\bf\9c\a6\d3\f6|\1e\df\bc\00\00\00\00\00@\f0?\00\00\00\00\00\00\00\00\00\00\fc\b0\a8\c0\8f\bf\9c\a6\d3\f6|\1e\df\bc\00\00\00\00\00 \f0?\00\00\00\00\00\00\00\00\00\00\10k*\e0\7f\bf\e4@\da\r?\e2\19\bd\00\00\00\00\00 \f0?\00\00\00\00\00\00\00\00\00\00\10k*\e0\7f\bf\e4@\da\r?\e2\19\bd\00\00\00\00\00\00\f0?\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\f0?\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\c0\ef?\00\00\00\00\00\00\00\00\00\00\89u\15\10\80?\e8+\9d\99k\c7\10\bd\00\00\00\00\00\80\ef?\00\00\00\00\00\00\00\00\00\80\93XV \90?\d2\f7\e2\06[\dc#\bd\00\00\00\00\00@\ef?\00\00\00\00\00\00\00\00\00\00\c9(%I\98?4\0cZ2\ba\a0*\bd\00\00\00\00\00\00\ef?\00\00\00\00\00\00\00\00\00@\e7\89]A\a0?S\d7\f1\\\c0\11\01=\00\00\00\00\00\c0\ee?\00\00\00\00\00\00\00\00\00\00.\d4\aef\a4?(\fd\bdus\16,\bd\00\00\00\00\00\80\ee?\00\00\00\00\00\00\00\00\00\c0\9f\14\aa\94\a8?}&Z\d0\95y\19\bd\00\00\00\00\00@\ee?\00\00\00\00\00\00\00\00\00\c0\dd\cds\cb\ac?\07(\d8G\f2h\1a\bd\00\00\00\00\00 \ee?\00\00\00\00\00\00\00\00\00\c0\06\c01\ea\ae?{;\c9O>\11\0e\bd\00\00\00\00\00\e0\ed?\00\00\00\00\00\00\00\00\00`F\d1;\97\b1?\9b\9e\rV]2%\bd\00\00\00\00\00\a0\ed?\00\00\00\00\00\00\00\00\00\e0\d1\a7\f5\bd\b3?\d7N\db\a5^\c8,=\00\00\00\00\00`\ed?\00\00\00\00\00\00\00\00\00\a0\97MZ\e9\b5?\1e\1d]<\06i,\bd\00\00\00\00\00@\ed?\00\00\00\00\00\00\00\00\00\c0\ea\n\d3\00\b7?2\ed\9d\a9\8d\1e\ec<\00\00\00\00\00\00\ed?\00\00\00\00\00\00\00\00\00@Y]^3\b9?\daG\bd:\\\11#=\00\00\00\00\00\c0\ec?\00\00\00\00\00\00\00\00\00`\ad\8d\c8j\bb?\e5h\f7+\80\90\13\bd\00\00\00\00\00\a0\ec?\00\00\00\00\00\00\00\00\00@\bc\01X\88\bc?\d3\acZ\c6\d1F&=\00\00\00\00\00`\ec?\00\00\00\00\00\00\00\00\00 \n\839\c7\be?\e0E\e6\afh\c0-\bd\00\00\00\00\00@\ec?\00\00\00\00\00\00\00\00\00\e0\db9\91\e8\bf?\fd\n\a1O\d64%\bd\00\00\00\00\00\00\ec?\00\00\00\00\00\00\00\00\00\e0\'\82\8e\17\c1?\f2\07-\cex\ef!=\00\00\00\00\00\e0\eb?\00\00\00\00\00\00\00\00\00\f0#~+\aa\c1?4\998D\8e\a7,=\00\00\00\00\00\a0\eb?\00\00\00\00\00\00\00\00\00\80\86\0ca\d1\c2?\a1\b4\81\cbl\9d\03=\00\00\00\00\00\80\eb?\00\00\00\00\00\00\00\00\00\90\15\b0\fce\c3?\89rK#\a8/\c6<\00\00\00\00\00@\eb?\00\00\00\00\00\00\00\00\00\b03\83=\91\c4?x\b6\fdTy\83%=\00\00\00\00\00 \eb?\00\00\00\00\00\00\00\00\00\b0\a1\e4\e5\'\c5?\c7}i\e5\e83&=\00\00\00\00\00\e0\ea?\00\00\00\00\00\00\00\00\00\10\8c\beNW\c6?x.<,\8b\cf\19=\00\00\00\00\00\c0\ea?\00\00\00\00\00\00\00\00\00pu\8b\12\f0\c6?\e1!\9c\e5\8d\11%\bd\00\00\00\00\00\a0\ea?\00\00\00\00\00\00\00\00\00PD\85\8d\89\c7?\05C\91p\10f\1c\bd\00\00\00\00\00`\ea?\00\00\00\00\00\00\00\00\00\009\eb\af\be\c8?\d1,\e9\aaT=\07\bd\00\00\00\00\00@\ea?\00\00\00\00\00\00\00\00\00\00\f7\dcZZ\c9?o\ff\a0X(\f2\07=\00\00\00\00\00\00\ea?\00\00\00\00\00\00\00\00\00\e0\8a<\ed\93\ca?i!VPCr(\bd\00\00\00\00\00\e0\e9?\00\00\00\00\00\00\00\00\00\d0[W\d81\cb?\aa\e1\acN\8d5\0c\bd\00\00\00\00\00\c0\e9?\00\00\00\00\00\00\00\00\00\e0;8\87\d0\cb?\b6\12TY\c4K-\bd\00\00\00\00\00\a0\e9?\00\00\00\00\00\00\00\00\00\10\f0\c6\fbo\cc?\d2+\96\c5r\ec\f1\bc\00\00\00\00\00`\e9?\00\00\00\00\00\00\00\00\00\90\d4\b0=\b1\cd?5\b0\15\f7*\ff*\bd\00\00\00\00\00@\e9?\00\00\00\00\00\00\00\00\00\10\e7\ff\0eS\ce?0\f4A`\'\12\c2<\00\00\00\00\00 \e9?\00\00\00\00\00\00\00\00\00\00\dd\e4\ad\f5\ce?\11\8e\bbe\15!\ca\bc\00\00\00\00\00\00\e9?\00\00\00\00\00\00\00\00\00\b0\b3l\1c\99\cf?0\df\0c\ca\ec\cb\1b=\00\00\00\00\00\c0\e8?\00\00\00\00\00\00\00\00\00XM`8q\d0?\91N\ed\16\db\9c\f8<\00\00\00\00\00\a0\e8?\00\00\00\00\00\00\00\00\00`ag-\c4\d0?\e9\ea<\16\8b\18\'=\00\00\00\00\00\80\e8?\00\00\00\00\00\00\00\00\00\e8\'\82\8e\17\d1?\1c\f0\a5c\0e!,\bd\00\00\00\00\00`\e8?\00\00\00\00\00\00\00\00\00\f8\ac\cb\\k\d1?\81\16\a5\f7\cd\9a+=\00\00\00\00\00@\e8?\00\00\00\00\00\00\00\00\00hZc\99\bf\d1?\b7\bdGQ\ed\a6,=\00\00\00\00\00 \e8?\00\00\00\00\00\00\00\00\00\b8\0emE\14\d2?\ea\baF\ba\de\87\n=\00\00\00\00\00\e0\e7?\00\00\00\00\00\00\00\00\00\90\dc|\f0\be\d2?\f4\04PJ\fa\9c*=\00\00\00\00\00\c0\e7?\00\00\00\00\00\00\00\00\00`\d3\e1\f1\14\d3?\b8<!\d3z\e2(\bd\00\00\00\00\00\a0\e7?\00\00\00\00\00\00\00\00\00\10\bevgk\d3?\c8w\f1\b0\cdn\11=\00\00\00\00\00\80\e7?\00\00\00\00\00\00\00\00\0003wR\c2\d3?\\\bd\06\b6T;\18=\00\00\00\00\00`\e7?\00\00\00\00\00\00\00\00\00\e8\d5#\b4\19\d4?\9d\e0\90\ec6\e4\08=\00\00\00\00\00@\e7?\00\00\00\00\00\00\00\00\00\c8q\c2\8dq\d4?u\d6g\t\ce\'/\bd\00\00\00\00\00 \e7?\00\00\00\00\00\00\00\00\000\17\9e\e0\c9\d4?\a4\d8\n\1b\89 .\bd\00\00\00\00\00\00\e7?\00\00\00\00\00\00\00\00\00\a08\07\ae\"\d5?Y\c7d\81p\be.=\00\00\00\00\00\e0\e6?\00\00\00\00\00\00\00\00\00\d0\c8S\f7{\d5?\ef@]\ee\ed\ad\1f=\00\00\00\00\00\c0\e6?\00\00\00\00\00\00\00\00\00`Y\df\bd\d5\d5?\dce\a4\08*\0b\n\bd")
 (data $16 (i32.const 8800) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\f0?n\bf\88\1aO;\9b<53\fb\a9=\f6\ef?]\dc\d8\9c\13`q\bca\80w>\9a\ec\ef?\d1f\87\10z^\90\bc\85\7fn\e8\15\e3\ef?\13\f6g5R\d2\8c<t\85\15\d3\b0\d9\ef?\fa\8e\f9#\80\ce\8b\bc\de\f6\dd)k\d0\ef?a\c8\e6aN\f7`<\c8\9bu\18E\c7\ef?\99\d33[\e4\a3\90<\83\f3\c6\ca>\be\ef?m{\83]\a6\9a\97<\0f\89\f9lX\b5\ef?\fc\ef\fd\92\1a\b5\8e<\f7Gr+\92\ac\ef?\d1\9c/p=\be><\a2\d1\d32\ec\a3\ef?\0bn\90\894\03j\bc\1b\d3\fe\aff\9b\ef?\0e\bd/*RV\95\bcQ[\12\d0\01\93\ef?U\eaN\8c\ef\80P\bc\cc1l\c0\bd\8a\ef?\16\f4\d5\b9#\c9\91\bc\e0-\a9\ae\9a\82\ef?\afU\\\e9\e3\d3\80<Q\8e\a5\c8\98z\ef?H\93\a5\ea\15\1b\80\bc{Q}<\b8r\ef?=2\deU\f0\1f\8f\bc\ea\8d\8c8\f9j\ef?\bfS\13?\8c\89\8b<u\cbo\eb[c\ef?&\eb\11v\9c\d9\96\bc\d4\\\04\84\e0[\ef?`/:>\f7\ec\9a<\aa\b9h1\87T\ef?\9d8\86\cb\82\e7\8f\bc\1d\d9\fc\"PM\ef?\8d\c3\a6DAo\8a<\d6\8cb\88;F\ef?}\04\e4\b0\05z\80<\96\dc}\91I?\ef?\94\a8\a8\e3\fd\8e\96<8bunz8\ef?}Ht\f2\18^\87<?\a6\b2O\ce1\ef?\f2\e7\1f\98+G\80<\dd|\e2eE+\ef?^\08q?{\b8\96\bc\81c\f5\e1\df$\ef?1\ab\tm\e1\f7\82<\e1\de\1f\f5\9d\1e\ef?\fa\bfo\1a\9b!=\bc\90\d9\da\d0\7f\18\ef?\b4\n\0cr\827\8b<\0b\03\e4\a6\85\12\ef?\8f\cb\ce\89\92\14n<V/>\a9\af\0c\ef?\b6\ab\b0MuM\83<\15\b71\n\fe\06\ef?Lt\ac\e2\01B\86<1\d8L\fcp\01\ef?J\f8\d3]9\dd\8f<\ff\16d\b2\08\fc\ee?\04[\8e;\80\a3\86\bc\f1\9f\92_\c5\f6\ee?hPK\cc\edJ\92\bc\cb\a9:7\a7\f1\ee?\8e-Q\1b\f8\07\99\bcf\d8\05m\ae\ec\ee?\d26\94>\e8\d1q\bc\f7\9f\e54\db\e7\ee?\15\1b\ce\b3\19\19\99\bc\e5\a8\13\c3-\e3\ee?mL*\a7H\9f\85<\"4\12L\a6\de\ee?\8ai(z`\12\93\bc\1c\80\ac\04E\da\ee?[\89\17H\8f\a7X\bc*.\f7!\n\d6\ee?\1b\9aIg\9b,|\bc\97\a8P\d9\f5\d1\ee?\11\ac\c2`\edcC<-\89a`\08\ce\ee?\efd\06;\tf\96<W\00\1d\edA\ca\ee?y\03\a1\da\e1\ccn<\d0<\c1\b5\a2\c6\ee?0\12\0f?\8e\ff\93<\de\d3\d7\f0*\c3\ee?\b0\afz\bb\ce\90v<\'*6\d5\da\bf\ee?w\e0T\eb\bd\1d\93<\r\dd\fd\99\b2\bc\ee?\8e\a3q\004\94\8f\bc\a7,\9dv\b2\b9\ee?I\a3\93\dc\cc\de\87\bcBf\cf\a2\da\b6\ee?_8\0f\bd\c6\dex\bc\82O\9dV+\b4\ee?\f6\\{\ecF\12\86\bc\0f\92]\ca\a4\b1\ee?\8e\d7\fd\18\055\93<\da\'\b56G\af\ee?\05\9b\8a/\b7\98{<\fd\c7\97\d4\12\ad\ee?\tT\1c\e2\e1c\90<)TH\dd\07\ab\ee?\ea\c6\19P\85\c74<\b7FY\8a&\a9\ee?5\c0d+\e62\94<H!\ad\15o\a7\ee?\9fv\99aJ\e4\8c\bc\t\dcv\b9\e1\a5\ee?\a8M\ef;\c53\8c\bc\85U:\b0~\a4\ee?\ae\e9+\89xS\84\bc \c3\cc4F\a3\ee?XXVx\dd\ce\93\bc%\"U\828\a2\ee?d\19~\80\aa\10W<s\a9L\d4U\a1\ee?(\"^\bf\ef\b3\93\bc\cd;\7ff\9e\a0\ee?\82\b94\87\ad\12j\bc\bf\da\0bu\12\a0\ee?\ee\a9m\b8\efgc\bc/\1ae<\b2\9f\ee?Q\88\e0T=\dc\80\bc\84\94Q\f9}\9f\ee?\cf>Z~d\1fx\bct_\ec\e8u\9f\ee?\b0}\8b\c0J\ee\86\bct\81\a5H\9a\9f\ee?\8a\e6U\1e2\19\86\bc\c9gBV\eb\9f\ee?\d3\d4\t^\cb\9c\90<?]\deOi\a0\ee?\1d\a5M\b9\dc2{\bc\87\01\ebs\14\a1\ee?k\c0gT\fd\ec\94<2\c10\01\ed\a1\ee?Ul\d6\ab\e1\ebe<bN\cf6\f3\a2\ee?B\cf\b3/\c5\a1\88\bc\12\1a>T\'\a4\ee?47;\f1\b6i\93\bc\13\ceL\99\89\a5\ee?\1e\ff\19:\84^\80\bc\ad\c7#F\1a\a7\ee?nWr\d8P\d4\94\bc\ed\92D\9b\d9\a8\ee?\00\8a\0e[g\ad\90<\99f\8a\d9\c7\aa\ee?\b4\ea\f0\c1/\b7\8d<\db\a0*B\e5\ac\ee?\ff\e7\c5\9c`\b6e\bc\8cD\b5\162\af\ee?D_\f3Y\83\f6{<6w\15\99\ae\b1\ee?\83=\1e\a7\1f\t\93\bc\c6\ff\91\0b[\b4\ee?)\1el\8b\b8\a9]\bc\e5\c5\cd\b07\b7\ee?Y\b9\90|\f9#l\bc\0fR\c8\cbD\ba\ee?\aa\f9\f4\"CC\92\bcPN\de\9f\82\bd\ee?K\8ef\d7l\ca\85\bc\ba\07\cap\f1\c0\ee?\'\ce\91+\fc\afq<\90\f0\a3\82\91\c4\ee?\bbs\n\e15\d2m<##\e3\19c\c8\ee?c\"b\"\04\c5\87\bce\e5]{f\cc\ee?\d51\e2\e3\86\1c\8b<3-J\ec\9b\d0\ee?\15\bb\bc\d3\d1\bb\91\bc]%>\b2\03\d5\ee?\d21\ee\9c1\cc\90<X\b30\13\9e\d9\ee?\b3Zsn\84i\84<\bf\fdyUk\de\ee?\b4\9d\8e\97\cd\df\82\bcz\f3\d3\bfk\e3\ee?\873\cb\92w\1a\8c<\ad\d3Z\99\9f\e8\ee?\fa\d9\d1J\8f{\90\bcf\b6\8d)\07\ee\ee?\ba\ae\dcV\d9\c3U\bc\fb\15O\b8\a2\f3\ee?@\f6\a6=\0e\a4\90\bc:Y\e5\8dr\f9\ee?4\93\ad8\f4\d6h\bcG^\fb\f2v\ff\ee?5\8aXk\e2\ee\91\bcJ\06\a10\b0\05\ef?\cd\dd_\n\d7\fft<\d2\c1K\90\1e\0c\ef?\ac\98\92\fa\fb\bd\91\bc\t\1e\d7[\c2\12\ef?\b3\0c\af0\aens<\9cR\85\dd\9b\19\ef?\94\fd\9f\\2\e3\8e<z\d0\ff_\ab \ef?\acY\t\d1\8f\e0\84<K\d1W.\f1\'\ef?g\1aN8\af\cdc<\b5\e7\06\94m/\ef?h\19\92l,kg<i\90\ef\dc 7\ef?\d2\b5\cc\83\18\8a\80\bc\fa\c3]U\0b?\ef?o\fa\ff?]\ad\8f\bc|\89\07J-G\ef?I\a9u8\ae\r\90\bc\f2\89\r\08\87O\ef?\a7\07=\a6\85\a3t<\87\a4\fb\dc\18X\ef?\0f\"@ \9e\91\82\bc\98\83\c9\16\e3`\ef?\ac\92\c1\d5PZ\8e<\852\db\03\e6i\ef?Kk\01\acY:\84<`\b4\01\f3!s\ef?\1f>\b4\07!\d5\82\bc_\9b{3\97|\ef?\c9\rG;\b9*\89\bc)\a1\f5\14F\86\ef?\d3\88:`\04\b6t<\f6?\8b\e7.\90\ef?qr\9dQ\ec\c5\83<\83L\c7\fbQ\9a\ef?\f0\91\d3\8f\12\f7\8f\bc\da\90\a4\a2\af\a4\ef?}t#\e2\98\ae\8d\bc\f1g\8e-H\af\ef?\08 \aaA\bc\c3\8e<\'Za\ee\1b\ba\ef?2\eb\a9\c3\94+\84<\97\bak7+\c5\ef?\ee\85\d11\a9d\8a<@En[v\d0\ef?\ed\e3;\e4\ba7\8e\bc\14\be\9c\ad\fd\db\ef?\9d\cd\91M;\89w<\d8\90\9e\81\c1\e7\ef?\89\cc`A\c1\05S<\f1q\8f+\c2\f3\ef?")
 (data $17 (i32.const 10860) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\08\00\00\00t\00r\00u\00e\00\00\00\00\00")
 (data $18 (i32.const 10892) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\n\00\00\00f\00a\00l\00s\00e\00\00\00")
 (data $19 (i32.const 10924) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\08\00\00\00n\00u\00l\00l\00\00\00\00\00")
 (data $20 (i32.const 10956) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\n\00\00\00s\00e\00t\00(\00)\00\00\00")
 (data $21 (i32.const 10988) "l\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00Z\00\00\00o\00p\00a\00_\00j\00s\00o\00n\00_\00d\00u\00m\00p\00:\00 \00u\00n\00d\00e\00f\00i\00n\00e\00d\00 \00v\00a\00l\00u\00e\00 \00i\00n\00s\00i\00d\00e\00 \00a\00 \00v\00a\00l\00u\00e\00\00\00")
 (data $22 (i32.const 11100) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\06\00\00\00u\000\000\00\00\00\00\00\00\00")
 (data $23 (i32.const 11132) "L\00\00\00\00\00\00\00\00\00\00\00\02\00\00\004\00\00\00o\00p\00a\00_\00j\00s\00o\00n\00_\00d\00u\00m\00p\00:\00 \00n\00o\00t\00 \00a\00 \00v\00a\00l\00u\00e\00\00\00\00\00\00\00\00\00")
 (data $24 (i32.const 11212) ",\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\0e\00\00\00b\00o\00o\00l\00e\00a\00n\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
 (data $25 (i32.const 11260) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\0c\00\00\00n\00u\00m\00b\00e\00r\00")
 (data $26 (i32.const 11292) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\0c\00\00\00s\00t\00r\00i\00n\00g\00")
 (data $27 (i32.const 11324) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\n\00\00\00a\00r\00r\00a\00y\00\00\00")
 (data $28 (i32.const 11356) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\0c\00\00\00o\00b\00j\00e\00c\00t\00")
 (data $29 (i32.const 11388) "\1c\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\06\00\00\00s\00e\00t\00\00\00\00\00\00\00")
 (export "opa_runtime_error" (func $assembly/abort/opa_runtime_error))
 (export "opa_free" (func $assembly/malloc/opa_free))
 (export "opa_heap_ptr_get" (func $assembly/malloc/opa_heap_ptr_get))
 (export "opa_heap_ptr_set" (func $assembly/malloc/opa_heap_ptr_set))
 (export "opa_malloc" (func $assembly/malloc/opa_malloc))
 (export "opa_realloc" (func $assembly/malloc/opa_realloc))
 (export "opa_runtime_heap_base" (func $assembly/malloc/opa_runtime_heap_base))
 (export "opa_boolean" (func $assembly/value/opa_boolean))
 (export "opa_null" (func $assembly/value/opa_null))
 (export "opa_number_float" (func $assembly/value/opa_number_float))
 (export "opa_number_int" (func $assembly/value/opa_number_int))
 (export "opa_number_ref" (func $assembly/value/opa_number_ref))
 (export "opa_number_size" (func $assembly/value/opa_number_size))
 (export "opa_string" (func $assembly/value/opa_string))
 (export "opa_string_allocated" (func $assembly/value/opa_string_allocated))
 (export "opa_string_terminated" (func $assembly/value/opa_string_terminated))
 (export "opa_array" (func $assembly/value/opa_array))
 (export "opa_array_with_cap" (func $assembly/value/opa_array_with_cap))
 (export "opa_value_boolean" (func $assembly/value/opa_value_boolean))
 (export "opa_value_type" (func $assembly/value/opa_value_type))
 (export "opa_number_try_int" (func $assembly/number/opa_number_try_int))
 (export "opa_number_try_int_result" (func $assembly/number/opa_number_try_int_result))
 (export "opa_array_append" (func $assembly/array/opa_array_append))
 (export "opa_array_get" (func $assembly/array/opa_array_get))
 (export "opa_object" (func $assembly/table/opa_object))
 (export "opa_object_get" (func $assembly/table/opa_object_get))
 (export "opa_object_insert" (func $assembly/table/opa_object_insert))
 (export "opa_object_remove" (func $assembly/table/opa_object_remove))
 (export "opa_set" (func $assembly/table/opa_set))
 (export "opa_set_add" (func $assembly/table/opa_set_add))
 (export "opa_set_get" (func $assembly/table/opa_set_get))
 (export "opa_set_with_cap" (func $assembly/table/opa_set_with_cap))
 (export "opa_value_compare" (func $assembly/compare/opa_value_compare))
 (export "opa_value_hash" (func $assembly/compare/opa_value_hash))
 (export "opa_object_keys" (func $assembly/access/opa_object_keys))
 (export "opa_value_free" (func $assembly/access/opa_value_free))
 (export "opa_value_get" (func $assembly/access/opa_value_get))
 (export "opa_value_iter" (func $assembly/access/opa_value_iter))
 (export "opa_value_length" (func $assembly/access/opa_value_length))
 (export "opa_value_shallow_copy" (func $assembly/access/opa_value_shallow_copy))
 (export "opa_value_add_path" (func $assembly/paths/opa_value_add_path))
 (export "opa_value_merge" (func $assembly/paths/opa_value_merge))
 (export "opa_value_remove_path" (func $assembly/paths/opa_value_remove_path))
 (export "opa_value_upsert_path" (func $assembly/paths/opa_value_upsert_path))
 (export "opa_json_parse" (func $assembly/json-parse/opa_json_parse))
 (export "opa_value_parse" (func $assembly/json-parse/opa_value_parse))
 (export "opa_json_dump" (func $assembly/json-dump/opa_json_dump))
 (export "opa_value_dump" (func $assembly/json-dump/opa_value_dump))
 (export "opa_cmp_eq" (func $assembly/builtins/compare/opa_cmp_eq))
 (export "opa_cmp_gt" (func $assembly/builtins/compare/opa_cmp_gt))
 (export "opa_cmp_gte" (func $assembly/builtins/compare/opa_cmp_gte))
 (export "opa_cmp_lt" (func $assembly/builtins/compare/opa_cmp_lt))
 (export "opa_cmp_lte" (func $assembly/builtins/compare/opa_cmp_lte))
 (export "opa_cmp_neq" (func $assembly/builtins/compare/opa_cmp_neq))
 (export "opa_arith_abs" (func $assembly/builtins/arithmetic/opa_arith_abs))
 (export "opa_arith_ceil" (func $assembly/builtins/arithmetic/opa_arith_ceil))
 (export "opa_arith_divide" (func $assembly/builtins/arithmetic/opa_arith_divide))
 (export "opa_arith_floor" (func $assembly/builtins/arithmetic/opa_arith_floor))
 (export "opa_arith_minus" (func $assembly/builtins/arithmetic/opa_arith_minus))
 (export "opa_arith_multiply" (func $assembly/builtins/arithmetic/opa_arith_multiply))
 (export "opa_arith_plus" (func $assembly/builtins/arithmetic/opa_arith_plus))
 (export "opa_arith_rem" (func $assembly/builtins/arithmetic/opa_arith_rem))
 (export "opa_arith_round" (func $assembly/builtins/arithmetic/opa_arith_round))
 (export "opa_numbers_range" (func $assembly/builtins/arithmetic/opa_numbers_range))
 (export "opa_agg_count" (func $assembly/builtins/aggregates/opa_agg_count))
 (export "opa_agg_max" (func $assembly/builtins/aggregates/opa_agg_max))
 (export "opa_agg_min" (func $assembly/builtins/aggregates/opa_agg_min))
 (export "opa_agg_product" (func $assembly/builtins/aggregates/opa_agg_product))
 (export "opa_agg_sort" (func $assembly/builtins/aggregates/opa_agg_sort))
 (export "opa_agg_sum" (func $assembly/builtins/aggregates/opa_agg_sum))
 (export "opa_set_intersection" (func $assembly/builtins/sets/opa_set_intersection))
 (export "opa_set_union" (func $assembly/builtins/sets/opa_set_union))
 (export "opa_sets_intersection" (func $assembly/builtins/sets/opa_sets_intersection))
 (export "opa_sets_union" (func $assembly/builtins/sets/opa_sets_union))
 (export "opa_types_is_array" (func $assembly/builtins/types/opa_types_is_array))
 (export "opa_types_is_boolean" (func $assembly/builtins/types/opa_types_is_boolean))
 (export "opa_types_is_null" (func $assembly/builtins/types/opa_types_is_null))
 (export "opa_types_is_number" (func $assembly/builtins/types/opa_types_is_number))
 (export "opa_types_is_object" (func $assembly/builtins/types/opa_types_is_object))
 (export "opa_types_is_set" (func $assembly/builtins/types/opa_types_is_set))
 (export "opa_types_is_string" (func $assembly/builtins/types/opa_types_is_string))
 (export "opa_types_name" (func $assembly/builtins/types/opa_types_name))
 (export "opa_builtin_member" (func $assembly/builtins/member/opa_builtin_member))
 (export "opa_builtin_member_with_key" (func $assembly/builtins/member/opa_builtin_member_with_key))
 (export "opa_strings_concat" (func $assembly/builtins/strings/opa_strings_concat))
 (export "opa_strings_contains" (func $assembly/builtins/strings/opa_strings_contains))
 (export "opa_strings_endswith" (func $assembly/builtins/strings/opa_strings_endswith))
 (export "opa_strings_format_int" (func $assembly/builtins/strings/opa_strings_format_int))
 (export "opa_strings_indexof" (func $assembly/builtins/strings/opa_strings_indexof))
 (export "opa_strings_lower" (func $assembly/builtins/strings/opa_strings_lower))
 (export "opa_strings_replace" (func $assembly/builtins/strings/opa_strings_replace))
 (export "opa_strings_reverse" (func $assembly/builtins/strings/opa_strings_reverse))
 (export "opa_strings_split" (func $assembly/builtins/strings/opa_strings_split))
 (export "opa_strings_startswith" (func $assembly/builtins/strings/opa_strings_startswith))
 (export "opa_strings_substring" (func $assembly/builtins/strings/opa_strings_substring))
 (export "opa_strings_trim" (func $assembly/builtins/strings/opa_strings_trim))
 (export "opa_strings_trim_left" (func $assembly/builtins/strings/opa_strings_trim_left))
 (export "opa_strings_trim_prefix" (func $assembly/builtins/strings/opa_strings_trim_prefix))
 (export "opa_strings_trim_right" (func $assembly/builtins/strings/opa_strings_trim_right))
 (export "opa_strings_trim_space" (func $assembly/builtins/strings/opa_strings_trim_space))
 (export "opa_strings_trim_suffix" (func $assembly/builtins/strings/opa_strings_trim_suffix))
 (export "opa_strings_upper" (func $assembly/builtins/strings/opa_strings_upper))
 (export "opa_array_concat" (func $assembly/builtins/objects/opa_array_concat))
 (export "opa_array_reverse" (func $assembly/builtins/objects/opa_array_reverse))
 (export "opa_array_slice" (func $assembly/builtins/objects/opa_array_slice))
 (export "opa_builtin_object_get" (func $assembly/builtins/objects/opa_builtin_object_get))
 (export "opa_builtin_object_keys" (func $assembly/builtins/objects/opa_builtin_object_keys))
 (export "opa_builtin_object_remove" (func $assembly/builtins/objects/opa_builtin_object_remove))
 (export "opa_builtin_object_union" (func $assembly/builtins/objects/opa_builtin_object_union))
 (export "memory" (memory $0))
 (func $assembly/malloc/opa_malloc (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.const 2147418112
  i32.gt_u
  if
   i32.const 4464
   call $assembly/abort/cstring
   call $assembly/env/opa_abort
   unreachable
  end
  block $folding-inner0
   i32.const 8
   local.get $0
   i32.const 7
   i32.add
   i32.const -8
   i32.and
   local.get $0
   i32.const 8
   i32.le_u
   select
   local.tee $2
   i32.const 256
   i32.le_u
   if
    local.get $2
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
    local.tee $1
    i32.load
    local.tee $0
    br_if $folding-inner0
   else
    i32.const 1156
    local.set $1
    i32.const 1156
    i32.load
    local.set $0
    loop $for-loop|0
     local.get $3
     i32.const 32
     i32.lt_s
     i32.const 0
     local.get $0
     select
     if
      local.get $0
      i32.const 8
      i32.sub
      i32.load
      local.get $2
      i32.ge_u
      br_if $folding-inner0
      local.get $0
      local.tee $1
      i32.load
      local.set $0
      local.get $3
      i32.const 1
      i32.add
      local.set $3
      br $for-loop|0
     end
    end
   end
   global.get $assembly/malloc/heapPtr
   i32.eqz
   if
    i32.const 11424
    global.set $assembly/malloc/heapPtr
   end
   global.get $assembly/malloc/heapPtr
   i32.const 8
   i32.add
   local.tee $0
   local.get $2
   i32.add
   local.tee $1
   call $assembly/malloc/ensureMemory
   local.get $0
   i32.const 8
   i32.sub
   local.get $2
   i32.store
   local.get $1
   global.set $assembly/malloc/heapPtr
   local.get $0
   return
  end
  local.get $1
  local.get $0
  i32.load
  i32.store
  local.get $0
 )
 (func $assembly/json-dump/reserve (param $0 i32)
  (local $1 i32)
  global.get $assembly/json-dump/cap
  global.get $assembly/json-dump/len
  local.get $0
  i32.add
  i32.ge_u
  if
   return
  end
  i32.const 64
  global.get $assembly/json-dump/cap
  global.get $assembly/json-dump/cap
  i32.const 64
  i32.lt_u
  select
  local.set $1
  loop $while-continue|0
   local.get $1
   global.get $assembly/json-dump/len
   local.get $0
   i32.add
   i32.lt_u
   if
    local.get $1
    i32.const 1
    i32.shl
    local.set $1
    br $while-continue|0
   end
  end
  global.get $assembly/json-dump/buf
  local.get $1
  call $assembly/malloc/opa_realloc
  global.set $assembly/json-dump/buf
  local.get $1
  global.set $assembly/json-dump/cap
 )
 (func $assembly/value/opa_number_int (param $0 i64) (result i32)
  (local $1 i32)
  i32.const 16
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 3
  i32.store8
  local.get $1
  i32.const 1
  i32.store8 offset=1
  local.get $1
  local.get $0
  i64.store offset=8
  local.get $1
 )
 (func $assembly/value/opa_string (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  i32.const 12
  call $assembly/malloc/opa_malloc
  local.tee $2
  i32.const 4
  i32.store8
  local.get $2
  local.get $1
  i32.store offset=4
  local.get $2
  local.get $0
  i32.store offset=8
  local.get $2
 )
 (func $assembly/table/tableNew (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  i32.const 24
  call $assembly/malloc/opa_malloc
  local.tee $2
  local.get $0
  i32.store8
  local.get $2
  i32.const 1
  i32.store8 offset=1
  local.get $2
  i32.const 0
  i32.store offset=4
  i32.const 8
  local.set $0
  loop $while-continue|0
   local.get $0
   i32.const 3
   i32.mul
   local.get $1
   i32.const 2
   i32.shl
   i32.lt_u
   if
    local.get $0
    i32.const 1
    i32.shl
    local.set $0
    br $while-continue|0
   end
  end
  local.get $0
  i32.const 2
  i32.shl
  local.tee $3
  call $assembly/malloc/opa_malloc
  local.tee $4
  i32.const 0
  local.get $3
  memory.fill
  local.get $2
  local.get $4
  i32.store offset=8
  local.get $2
  local.get $0
  i32.store offset=12
  local.get $2
  local.get $1
  if (result i32)
   local.get $1
   i32.const 2
   i32.shl
   call $assembly/malloc/opa_malloc
  else
   i32.const 0
  end
  i32.store offset=16
  local.get $2
  local.get $1
  i32.store offset=20
  local.get $2
 )
 (func $assembly/table/tableInsert (param $0 i32) (param $1 i32) (param $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  local.get $0
  local.get $1
  call $assembly/table/tableFind
  local.tee $3
  if
   local.get $3
   local.get $2
   i32.store offset=4
   return
  end
  local.get $0
  i32.load offset=12
  local.tee $5
  i32.const 3
  i32.mul
  local.get $0
  i32.load offset=4
  local.tee $10
  i32.const 1
  i32.add
  i32.const 2
  i32.shl
  i32.lt_u
  if
   local.get $0
   i32.load offset=8
   local.set $11
   local.get $5
   i32.const 1
   i32.shl
   local.tee $8
   i32.const 2
   i32.shl
   local.tee $3
   call $assembly/malloc/opa_malloc
   local.tee $7
   i32.const 0
   local.get $3
   memory.fill
   loop $for-loop|0
    local.get $5
    local.get $9
    i32.gt_u
    if
     local.get $11
     local.get $9
     i32.const 2
     i32.shl
     i32.add
     i32.load
     local.set $3
     loop $while-continue|1
      local.get $3
      if
       local.get $3
       i32.load offset=8
       local.get $3
       local.get $7
       local.get $3
       i32.load offset=12
       local.get $8
       i32.const 1
       i32.sub
       i32.and
       i32.const 2
       i32.shl
       i32.add
       local.tee $6
       i32.load
       i32.store offset=8
       local.get $6
       local.get $3
       i32.store
       local.set $3
       br $while-continue|1
      end
     end
     local.get $9
     i32.const 1
     i32.add
     local.set $9
     br $for-loop|0
    end
   end
   block $__inlined_func$assembly/malloc/opa_free$73
    local.get $11
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$73
    global.get $assembly/malloc/heapPtr
    local.get $11
    i32.const 8
    i32.sub
    local.tee $3
    i32.load
    local.tee $4
    local.get $11
    i32.add
    i32.eq
    if
     local.get $3
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$73
    end
    local.get $11
    local.get $4
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $4
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $3
    i32.load
    i32.store
    local.get $3
    local.get $11
    i32.store
   end
   local.get $0
   local.get $7
   i32.store offset=8
   local.get $0
   local.get $8
   i32.store offset=12
  end
  local.get $1
  call $assembly/compare/valueHash
  local.set $3
  i32.const 16
  call $assembly/malloc/opa_malloc
  local.tee $4
  local.get $1
  i32.store
  local.get $4
  local.get $2
  i32.store offset=4
  local.get $4
  local.get $3
  i32.store offset=12
  local.get $4
  local.get $0
  i32.load offset=8
  local.get $3
  local.get $0
  i32.load offset=12
  i32.const 1
  i32.sub
  i32.and
  i32.const 2
  i32.shl
  i32.add
  local.tee $2
  i32.load
  i32.store offset=8
  local.get $2
  local.get $4
  i32.store
  local.get $0
  i32.load offset=20
  local.tee $2
  local.get $10
  i32.le_u
  if
   local.get $0
   local.get $0
   i32.load offset=16
   i32.const 4
   local.get $2
   i32.const 1
   i32.shl
   local.get $2
   i32.const 4
   i32.lt_u
   select
   local.tee $2
   i32.const 2
   i32.shl
   call $assembly/malloc/opa_realloc
   i32.store offset=16
   local.get $0
   local.get $2
   i32.store offset=20
  end
  local.get $10
  if (result i32)
   local.get $0
   i32.load8_u offset=1
  else
   i32.const 0
  end
  if
   local.get $0
   i32.load offset=16
   local.get $10
   i32.const 1
   i32.sub
   i32.const 2
   i32.shl
   i32.add
   i32.load
   i32.load
   local.get $1
   call $assembly/compare/opa_value_compare
   i32.const 0
   i32.gt_s
   if
    local.get $0
    i32.const 0
    i32.store8 offset=1
   end
  end
  local.get $0
  i32.load offset=16
  local.get $10
  i32.const 2
  i32.shl
  i32.add
  local.get $4
  i32.store
  local.get $0
  local.get $10
  i32.const 1
  i32.add
  i32.store offset=4
 )
 (func $assembly/compare/opa_value_compare (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  local.get $0
  local.get $1
  i32.eq
  if
   i32.const 0
   return
  end
  local.get $0
  i32.eqz
  if
   i32.const -1
   return
  end
  local.get $1
  i32.eqz
  if
   i32.const 1
   return
  end
  local.get $0
  i32.load8_u
  local.tee $5
  local.get $1
  i32.load8_u
  local.tee $3
  i32.ne
  if
   i32.const -1
   i32.const 1
   local.get $3
   local.get $5
   i32.gt_u
   select
   return
  end
  block $break|0
   block $case5|0
    block $case4|0
     block $case3|0
      block $case2|0
       block $case1|0
        block $case0|0
         local.get $5
         i32.const 1
         i32.sub
         br_table $case0|0 $case1|0 $case2|0 $case3|0 $case4|0 $case5|0 $case5|0 $break|0
        end
        i32.const 0
        return
       end
       i32.const -1
       local.get $0
       i32.load8_u offset=1
       local.tee $0
       local.get $1
       i32.load8_u offset=1
       local.tee $1
       i32.gt_u
       local.get $0
       local.get $1
       i32.lt_u
       select
       return
      end
      local.get $0
      local.get $1
      call $assembly/number/numberCompare
      return
     end
     local.get $0
     i32.load offset=4
     local.tee $4
     local.get $1
     i32.load offset=4
     local.tee $5
     local.get $4
     local.get $5
     i32.lt_u
     select
     local.set $2
     local.get $0
     i32.load offset=8
     local.set $3
     i32.const 0
     local.set $0
     block $~lib/util/memory/memcmp|inlined.0
      local.get $3
      local.get $1
      i32.load offset=8
      local.tee $1
      i32.eq
      br_if $~lib/util/memory/memcmp|inlined.0
      local.get $3
      i32.const 7
      i32.and
      local.get $1
      i32.const 7
      i32.and
      i32.eq
      if
       loop $while-continue|0
        local.get $3
        i32.const 7
        i32.and
        if
         i32.const 0
         local.set $0
         local.get $2
         i32.eqz
         br_if $~lib/util/memory/memcmp|inlined.0
         local.get $3
         i32.load8_u
         local.tee $6
         local.get $1
         i32.load8_u
         local.tee $7
         i32.sub
         local.set $0
         local.get $6
         local.get $7
         i32.ne
         br_if $~lib/util/memory/memcmp|inlined.0
         local.get $2
         i32.const 1
         i32.sub
         local.set $2
         local.get $3
         i32.const 1
         i32.add
         local.set $3
         local.get $1
         i32.const 1
         i32.add
         local.set $1
         br $while-continue|0
        end
       end
       loop $while-continue|1
        local.get $2
        i32.const 8
        i32.ge_u
        if
         local.get $3
         i64.load
         local.get $1
         i64.load
         i64.eq
         if
          local.get $3
          i32.const 8
          i32.add
          local.set $3
          local.get $1
          i32.const 8
          i32.add
          local.set $1
          local.get $2
          i32.const 8
          i32.sub
          local.set $2
          br $while-continue|1
         end
        end
       end
      end
      loop $while-continue|2
       local.get $2
       local.tee $0
       i32.const 1
       i32.sub
       local.set $2
       local.get $0
       if
        local.get $3
        i32.load8_u
        local.tee $6
        local.get $1
        i32.load8_u
        local.tee $7
        i32.sub
        local.set $0
        local.get $6
        local.get $7
        i32.ne
        br_if $~lib/util/memory/memcmp|inlined.0
        local.get $3
        i32.const 1
        i32.add
        local.set $3
        local.get $1
        i32.const 1
        i32.add
        local.set $1
        br $while-continue|2
       end
      end
      i32.const 0
      local.set $0
     end
     local.get $0
     i32.const 31
     i32.shr_s
     i32.const 1
     i32.or
     i32.const -1
     local.get $4
     local.get $5
     i32.gt_u
     local.get $4
     local.get $5
     i32.lt_u
     select
     local.get $0
     select
     return
    end
    local.get $0
    i32.load offset=4
    local.tee $3
    local.get $1
    i32.load offset=4
    local.tee $4
    local.get $3
    local.get $4
    i32.lt_u
    select
    local.set $5
    loop $for-loop|1
     local.get $2
     local.get $5
     i32.lt_u
     if
      local.get $2
      i32.const 2
      i32.shl
      local.tee $6
      local.get $0
      i32.load offset=12
      i32.add
      i32.load
      local.get $1
      i32.load offset=12
      local.get $6
      i32.add
      i32.load
      call $assembly/compare/opa_value_compare
      local.tee $6
      if
       local.get $6
       return
      end
      local.get $2
      i32.const 1
      i32.add
      local.set $2
      br $for-loop|1
     end
    end
    i32.const -1
    local.get $3
    local.get $4
    i32.gt_u
    local.get $3
    local.get $4
    i32.lt_u
    select
    return
   end
   local.get $0
   call $assembly/table/tableEnsureSorted
   local.get $1
   call $assembly/table/tableEnsureSorted
   local.get $0
   i32.load offset=4
   local.tee $6
   local.get $1
   i32.load offset=4
   local.tee $7
   local.get $6
   local.get $7
   i32.lt_u
   select
   local.set $8
   loop $for-loop|2
    local.get $2
    local.get $8
    i32.lt_u
    if
     local.get $2
     i32.const 2
     i32.shl
     local.tee $4
     local.get $0
     i32.load offset=16
     i32.add
     i32.load
     local.tee $3
     i32.load
     local.get $1
     i32.load offset=16
     local.get $4
     i32.add
     i32.load
     local.tee $4
     i32.load
     call $assembly/compare/opa_value_compare
     local.tee $9
     if
      local.get $9
      return
     end
     local.get $5
     i32.const 6
     i32.eq
     if
      local.get $3
      i32.load offset=4
      local.get $4
      i32.load offset=4
      call $assembly/compare/opa_value_compare
      local.tee $3
      if
       local.get $3
       return
      end
     end
     local.get $2
     i32.const 1
     i32.add
     local.set $2
     br $for-loop|2
    end
   end
   i32.const -1
   local.get $6
   local.get $7
   i32.gt_u
   local.get $6
   local.get $7
   i32.lt_u
   select
   return
  end
  i32.const 0
 )
 (func $assembly/number/numberToF64 (param $0 i32) (result f64)
  (local $1 i32)
  (local $2 f64)
  (local $3 i64)
  (local $4 i32)
  (local $5 i32)
  local.get $0
  i32.load8_u offset=1
  local.tee $4
  i32.const 1
  i32.eq
  if
   local.get $0
   i64.load offset=8
   f64.convert_i64_s
   return
  end
  local.get $4
  i32.const 2
  i32.eq
  if
   local.get $0
   f64.load offset=8
   return
  end
  i32.const 19
  local.get $0
  local.get $0
  i32.load8_u offset=1
  i32.const 3
  i32.eq
  if (result i32)
   local.get $0
   i32.load offset=12
   i32.const 1
   i32.add
  else
   i32.const 64
  end
  call $assembly/malloc/opa_malloc
  local.tee $4
  call $assembly/number/decimalOf
  local.tee $0
  local.get $0
  i32.const 19
  i32.ge_s
  select
  local.set $5
  loop $for-loop|0
   local.get $1
   local.get $5
   i32.lt_s
   if
    local.get $1
    local.get $4
    i32.add
    i64.load8_u
    i64.const 48
    i64.sub
    local.get $3
    i64.const 10
    i64.mul
    i64.add
    local.set $3
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  block $__inlined_func$assembly/malloc/opa_free$44
   local.get $4
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$44
   global.get $assembly/malloc/heapPtr
   local.get $4
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $0
   local.get $4
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$44
   end
   local.get $4
   local.get $0
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $0
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $0
   i32.load
   i32.store
   local.get $0
   local.get $4
   i32.store
  end
  local.get $3
  f64.convert_i64_u
  local.set $2
  block $__inlined_func$assembly/number/scale10$45 (result f64)
   global.get $assembly/number/decExp
   local.get $5
   i32.sub
   local.tee $0
   i32.const 22
   i32.le_s
   local.get $0
   i32.const 0
   i32.ge_s
   i32.and
   if
    local.get $2
    local.get $0
    call $~lib/staticarray/StaticArray<f64>#__get
    f64.mul
    br $__inlined_func$assembly/number/scale10$45
   end
   local.get $0
   i32.const 0
   i32.lt_s
   local.get $0
   i32.const -22
   i32.ge_s
   i32.and
   if
    local.get $2
    i32.const 0
    local.get $0
    i32.sub
    call $~lib/staticarray/StaticArray<f64>#__get
    f64.div
    br $__inlined_func$assembly/number/scale10$45
   end
   local.get $0
   i32.const 0
   i32.gt_s
   if
    local.get $2
    local.get $0
    f64.convert_i32_s
    call $~lib/math/NativeMath.pow
    f64.mul
    br $__inlined_func$assembly/number/scale10$45
   end
   local.get $0
   i32.const -300
   i32.lt_s
   if (result f64)
    local.get $2
    f64.const 1.e+300
    f64.div
    i32.const -300
    local.get $0
    i32.sub
    f64.convert_i32_s
    call $~lib/math/NativeMath.pow
    f64.div
   else
    local.get $2
    i32.const 0
    local.get $0
    i32.sub
    f64.convert_i32_s
    call $~lib/math/NativeMath.pow
    f64.div
   end
  end
  local.tee $2
  f64.neg
  local.get $2
  global.get $assembly/number/decNeg
  select
 )
 (func $assembly/number/numberTryInt (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i64)
  (local $3 f64)
  (local $4 i64)
  (local $5 i32)
  (local $6 i32)
  local.get $0
  i32.load8_u offset=1
  local.tee $5
  i32.const 1
  i32.eq
  if
   local.get $0
   i64.load offset=8
   global.set $assembly/number/tryIntResult
   i32.const 1
   return
  end
  local.get $5
  i32.const 2
  i32.eq
  if
   local.get $0
   f64.load offset=8
   local.tee $3
   f64.abs
   f64.const 9223372036854775808
   f64.ge
   local.get $3
   f64.floor
   local.get $3
   f64.ne
   i32.or
   if
    i32.const 0
    return
   end
   local.get $3
   i64.trunc_sat_f64_s
   global.set $assembly/number/tryIntResult
   i32.const 1
   return
  end
  local.get $0
  local.get $0
  i32.load8_u offset=1
  i32.const 3
  i32.eq
  if (result i32)
   local.get $0
   i32.load offset=12
   i32.const 1
   i32.add
  else
   i32.const 64
  end
  call $assembly/malloc/opa_malloc
  local.tee $5
  call $assembly/number/decimalOf
  local.tee $6
  i32.eqz
  local.tee $0
  i32.eqz
  if
   global.get $assembly/number/decExp
   i32.const 19
   i32.le_s
   global.get $assembly/number/decExp
   local.get $6
   i32.ge_s
   i32.and
   local.set $0
  end
  loop $for-loop|0
   local.get $1
   global.get $assembly/number/decExp
   i32.lt_s
   local.get $0
   i32.and
   if
    local.get $2
    i64.const -1
    local.get $1
    local.get $6
    i32.lt_s
    if (result i64)
     local.get $1
     local.get $5
     i32.add
     i64.load8_u
     i64.const 48
     i64.sub
    else
     i64.const 0
    end
    local.tee $4
    i64.sub
    i64.const 10
    i64.div_u
    i64.gt_u
    if
     i32.const 0
     local.set $0
    else
     local.get $2
     i64.const 10
     i64.mul
     local.get $4
     i64.add
     local.set $2
    end
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  block $__inlined_func$assembly/malloc/opa_free$21
   local.get $5
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$21
   global.get $assembly/malloc/heapPtr
   local.get $5
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $6
   local.get $5
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$21
   end
   local.get $5
   local.get $6
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $6
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $5
   i32.store
  end
  local.get $0
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/number/decNeg
  if
   local.get $2
   i64.const -9223372036854775808
   i64.gt_u
   if
    i32.const 0
    return
   end
   i64.const 0
   local.get $2
   i64.sub
   global.set $assembly/number/tryIntResult
  else
   local.get $2
   i64.const 9223372036854775807
   i64.gt_u
   if
    i32.const 0
    return
   end
   local.get $2
   global.set $assembly/number/tryIntResult
  end
  i32.const 1
 )
 (func $assembly/table/tableFind (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  local.get $1
  call $assembly/compare/valueHash
  local.set $2
  local.get $0
  i32.load offset=8
  local.get $2
  local.get $0
  i32.load offset=12
  i32.const 1
  i32.sub
  i32.and
  i32.const 2
  i32.shl
  i32.add
  i32.load
  local.set $0
  loop $while-continue|0
   local.get $0
   if
    local.get $0
    i32.load offset=12
    local.get $2
    i32.eq
    if (result i32)
     local.get $0
     i32.load
     local.get $1
     call $assembly/compare/opa_value_compare
    else
     i32.const 1
    end
    i32.eqz
    if
     local.get $0
     return
    end
    local.get $0
    i32.load offset=8
    local.set $0
    br $while-continue|0
   end
  end
  i32.const 0
 )
 (func $assembly/array/opa_array_append (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.load offset=4
  local.tee $2
  local.get $0
  i32.load offset=8
  local.tee $3
  i32.ge_u
  if
   local.get $0
   local.get $0
   i32.load offset=12
   i32.const 4
   local.get $3
   i32.const 1
   i32.shl
   local.get $3
   i32.const 4
   i32.lt_u
   select
   local.tee $3
   i32.const 2
   i32.shl
   call $assembly/malloc/opa_realloc
   i32.store offset=12
   local.get $0
   local.get $3
   i32.store offset=8
  end
  local.get $0
  i32.load offset=12
  local.get $2
  i32.const 2
  i32.shl
  i32.add
  local.get $1
  i32.store
  local.get $0
  local.get $2
  i32.const 1
  i32.add
  i32.store offset=4
 )
 (func $assembly/value/opa_array_with_cap (param $0 i32) (result i32)
  (local $1 i32)
  i32.const 16
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 5
  i32.store8
  local.get $1
  i32.const 0
  i32.store offset=4
  local.get $1
  local.get $0
  i32.store offset=8
  local.get $1
  local.get $0
  if (result i32)
   local.get $0
   i32.const 2
   i32.shl
   call $assembly/malloc/opa_malloc
  else
   i32.const 0
  end
  i32.store offset=12
  local.get $1
 )
 (func $assembly/value/opa_number_float (param $0 f64) (result i32)
  (local $1 i32)
  local.get $0
  local.get $0
  f64.floor
  f64.eq
  local.get $0
  f64.abs
  f64.const 9007199254740992
  f64.lt
  i32.and
  if
   local.get $0
   i64.trunc_sat_f64_s
   call $assembly/value/opa_number_int
   return
  end
  i32.const 16
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 3
  i32.store8
  local.get $1
  i32.const 2
  i32.store8 offset=1
  local.get $1
  local.get $0
  f64.store offset=8
  local.get $1
 )
 (func $assembly/table/tableEnsureSorted (param $0 i32)
  local.get $0
  i32.load8_u offset=1
  if
   return
  end
  local.get $0
  i32.load offset=16
  local.get $0
  i32.load offset=4
  i32.const 1
  call $assembly/sort/sortAddresses
  local.get $0
  i32.const 1
  i32.store8 offset=1
 )
 (func $assembly/utf8/decodeUtf8 (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  local.get $0
  i32.load8_u
  local.tee $3
  i32.const 128
  i32.lt_u
  if
   i32.const 1
   global.set $assembly/utf8/decodedWidth
   local.get $3
   return
  end
  local.get $3
  i32.const 224
  i32.and
  i32.const 192
  i32.eq
  if (result i32)
   local.get $3
   i32.const 31
   i32.and
   local.set $2
   i32.const 2
  else
   local.get $3
   i32.const 240
   i32.and
   i32.const 224
   i32.eq
   if (result i32)
    local.get $3
    i32.const 15
    i32.and
    local.set $2
    i32.const 3
   else
    local.get $3
    i32.const 248
    i32.and
    i32.const 240
    i32.eq
    if (result i32)
     local.get $3
     i32.const 7
     i32.and
     local.set $2
     i32.const 4
    else
     i32.const 0
    end
   end
  end
  local.tee $4
  i32.eqz
  local.get $1
  local.get $4
  i32.lt_u
  i32.or
  if
   i32.const 1
   global.set $assembly/utf8/decodedWidth
   i32.const 65533
   return
  end
  i32.const 1
  local.set $1
  loop $for-loop|0
   local.get $1
   local.get $4
   i32.lt_u
   if
    local.get $0
    local.get $1
    i32.add
    i32.load8_u
    local.tee $3
    i32.const 192
    i32.and
    i32.const 128
    i32.ne
    if
     i32.const 1
     global.set $assembly/utf8/decodedWidth
     i32.const 65533
     return
    end
    local.get $3
    i32.const 63
    i32.and
    local.get $2
    i32.const 6
    i32.shl
    i32.or
    local.set $2
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  local.get $4
  global.set $assembly/utf8/decodedWidth
  local.get $2
 )
 (func $assembly/access/opa_value_get (param $0 i32) (param $1 i32) (result i32)
  local.get $1
  i32.eqz
  local.get $0
  i32.eqz
  i32.or
  if
   i32.const 0
   return
  end
  block $break|0
   block $case2|0
    block $case1|0
     block $case0|0
      local.get $0
      i32.load8_u
      i32.const 5
      i32.sub
      br_table $case0|0 $case1|0 $case2|0 $break|0
     end
     local.get $1
     local.get $0
     i32.load offset=4
     call $assembly/access/arrayIndex
     local.tee $1
     i32.const 0
     i32.lt_s
     if (result i32)
      i32.const 0
     else
      local.get $0
      i32.load offset=12
      local.get $1
      i32.const 2
      i32.shl
      i32.add
      i32.load
     end
     return
    end
    local.get $0
    local.get $1
    call $assembly/table/tableFind
    local.tee $0
    if (result i32)
     local.get $0
     i32.load offset=4
    else
     i32.const 0
    end
    return
   end
   local.get $0
   local.get $1
   call $assembly/table/tableFind
   local.tee $0
   if (result i32)
    local.get $0
    i32.load
   else
    i32.const 0
   end
   return
  end
  i32.const 0
 )
 (func $assembly/value/stringOf (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.const 20
  i32.sub
  i32.load offset=16
  i32.const 1
  i32.shr_u
  local.tee $2
  call $assembly/malloc/opa_malloc
  local.set $3
  loop $for-loop|0
   local.get $1
   local.get $2
   i32.lt_s
   if
    local.get $1
    local.get $3
    i32.add
    local.get $1
    local.get $0
    i32.const 20
    i32.sub
    i32.load offset=16
    i32.const 1
    i32.shr_u
    i32.ge_u
    if (result i32)
     i32.const -1
    else
     local.get $0
     local.get $1
     i32.const 1
     i32.shl
     i32.add
     i32.load16_u
    end
    i32.store8
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  local.get $3
  local.get $2
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/text/findBytes (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (result i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  local.get $3
  i32.eqz
  if
   i32.const -1
   local.get $4
   local.get $1
   local.get $4
   i32.lt_u
   select
   return
  end
  local.get $1
  local.get $3
  i32.lt_u
  if
   i32.const -1
   return
  end
  local.get $2
  i32.load8_u
  local.set $9
  local.get $4
  local.set $6
  loop $for-loop|0
   local.get $3
   local.get $6
   i32.add
   local.get $1
   i32.le_u
   if
    local.get $0
    local.get $6
    i32.add
    local.tee $8
    i32.load8_u
    local.get $9
    i32.eq
    if (result i32)
     local.get $3
     local.set $4
     i32.const 0
     local.set $7
     block $~lib/util/memory/memcmp|inlined.2
      local.get $2
      local.tee $5
      local.get $8
      i32.eq
      br_if $~lib/util/memory/memcmp|inlined.2
      local.get $8
      i32.const 7
      i32.and
      local.get $5
      i32.const 7
      i32.and
      i32.eq
      if
       loop $while-continue|1
        local.get $8
        i32.const 7
        i32.and
        if
         i32.const 0
         local.set $7
         local.get $4
         i32.eqz
         br_if $~lib/util/memory/memcmp|inlined.2
         local.get $8
         i32.load8_u
         local.tee $10
         local.get $5
         i32.load8_u
         local.tee $11
         i32.sub
         local.set $7
         local.get $10
         local.get $11
         i32.ne
         br_if $~lib/util/memory/memcmp|inlined.2
         local.get $4
         i32.const 1
         i32.sub
         local.set $4
         local.get $8
         i32.const 1
         i32.add
         local.set $8
         local.get $5
         i32.const 1
         i32.add
         local.set $5
         br $while-continue|1
        end
       end
       loop $while-continue|2
        local.get $4
        i32.const 8
        i32.ge_u
        if
         local.get $8
         i64.load
         local.get $5
         i64.load
         i64.eq
         if
          local.get $8
          i32.const 8
          i32.add
          local.set $8
          local.get $5
          i32.const 8
          i32.add
          local.set $5
          local.get $4
          i32.const 8
          i32.sub
          local.set $4
          br $while-continue|2
         end
        end
       end
      end
      loop $while-continue|3
       local.get $4
       local.tee $7
       i32.const 1
       i32.sub
       local.set $4
       local.get $7
       if
        local.get $8
        i32.load8_u
        local.tee $10
        local.get $5
        i32.load8_u
        local.tee $11
        i32.sub
        local.set $7
        local.get $10
        local.get $11
        i32.ne
        br_if $~lib/util/memory/memcmp|inlined.2
        local.get $8
        i32.const 1
        i32.add
        local.set $8
        local.get $5
        i32.const 1
        i32.add
        local.set $5
        br $while-continue|3
       end
      end
      i32.const 0
      local.set $7
     end
     local.get $7
     i32.eqz
    else
     i32.const 0
    end
    if
     local.get $6
     return
    end
    local.get $6
    i32.const 1
    i32.add
    local.set $6
    br $for-loop|0
   end
  end
  i32.const -1
 )
 (func $assembly/number/decimalOf (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i64)
  (local $4 f64)
  (local $5 i64)
  local.get $0
  i32.load8_u offset=1
  local.tee $2
  i32.const 1
  i32.eq
  if
   block $__inlined_func$assembly/number/decimalFromInt$18
    local.get $0
    i64.load offset=8
    local.tee $3
    i64.eqz
    if
     i32.const 0
     global.set $assembly/number/decNeg
     i32.const 0
     global.set $assembly/number/decExp
     i32.const 0
     local.set $0
     br $__inlined_func$assembly/number/decimalFromInt$18
    end
    local.get $3
    i64.const 0
    i64.lt_s
    local.tee $2
    global.set $assembly/number/decNeg
    i32.const 0
    local.set $0
    i64.const 0
    local.get $3
    i64.sub
    local.get $3
    local.get $2
    select
    local.tee $3
    local.set $5
    loop $for-loop|0
     local.get $5
     i64.const 0
     i64.ne
     if
      local.get $0
      i32.const 1
      i32.add
      local.set $0
      local.get $5
      i64.const 10
      i64.div_u
      local.set $5
      br $for-loop|0
     end
    end
    local.get $0
    i32.const 1
    i32.sub
    local.set $2
    loop $for-loop|1
     local.get $2
     i32.const 0
     i32.ge_s
     if
      local.get $1
      local.get $2
      i32.add
      local.get $3
      i64.const 10
      i64.rem_u
      i32.wrap_i64
      i32.const 48
      i32.add
      i32.store8
      local.get $3
      i64.const 10
      i64.div_u
      local.set $3
      local.get $2
      i32.const 1
      i32.sub
      local.set $2
      br $for-loop|1
     end
    end
    local.get $0
    global.set $assembly/number/decExp
    loop $while-continue|2
     local.get $0
     i32.const 1
     i32.sub
     local.tee $2
     local.get $1
     i32.add
     i32.load8_u
     i32.const 48
     i32.eq
     if
      local.get $2
      local.set $0
      br $while-continue|2
     end
    end
   end
   local.get $0
   return
  end
  local.get $2
  i32.const 2
  i32.eq
  if
   block $__inlined_func$assembly/number/decimalFromFloat$19
    local.get $0
    f64.load offset=8
    local.tee $4
    f64.const 0
    f64.eq
    local.get $4
    local.get $4
    f64.sub
    f64.const 0
    f64.ne
    i32.or
    if
     i32.const 0
     global.set $assembly/number/decNeg
     i32.const 0
     global.set $assembly/number/decExp
     i32.const 0
     local.set $0
     br $__inlined_func$assembly/number/decimalFromFloat$19
    end
    local.get $4
    f64.abs
    local.get $1
    call $assembly/float-format/shortestDigits
    local.set $0
    local.get $4
    f64.const 0
    f64.lt
    global.set $assembly/number/decNeg
    global.get $assembly/float-format/shortestExp
    global.set $assembly/number/decExp
   end
   local.get $0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=12
  local.get $1
  call $assembly/number/decimalFromText
 )
 (func $assembly/json-dump/putValue (param $0 i32) (param $1 i32)
  (local $2 i64)
  (local $3 i64)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  local.get $0
  i32.eqz
  if
   i32.const 11008
   call $assembly/abort/cstring
   call $assembly/env/opa_abort
   unreachable
  end
  block $folding-inner0
   block $break|0
    block $case6|0
     block $case5|0
      block $case4|0
       block $case3|0
        block $case2|0
         block $case1|0
          block $case0|0
           local.get $0
           i32.load8_u
           i32.const 1
           i32.sub
           br_table $case0|0 $case1|0 $case2|0 $case3|0 $case4|0 $case5|0 $case6|0 $break|0
          end
          i32.const 10944
          call $assembly/json-dump/putAscii
          return
         end
         i32.const 10880
         i32.const 10912
         local.get $0
         i32.load8_u offset=1
         select
         call $assembly/json-dump/putAscii
         return
        end
        local.get $0
        i32.load8_u offset=1
        local.set $1
        i32.const 48
        call $assembly/json-dump/reserve
        local.get $1
        i32.const 1
        i32.eq
        if
         global.get $assembly/json-dump/buf
         global.get $assembly/json-dump/len
         i32.add
         local.tee $5
         local.set $4
         local.get $0
         i64.load offset=8
         local.tee $2
         i64.const 0
         i64.lt_s
         if
          local.get $4
          i32.const 1
          i32.add
          local.set $4
          local.get $5
          i32.const 45
          i32.store8
          i64.const 0
          local.get $2
          i64.sub
          local.set $2
         end
         i32.const 1
         local.set $0
         local.get $2
         local.set $3
         loop $for-loop|0
          local.get $3
          i64.const 10
          i64.ge_u
          if
           local.get $0
           i32.const 1
           i32.add
           local.set $0
           local.get $3
           i64.const 10
           i64.div_u
           local.set $3
           br $for-loop|0
          end
         end
         local.get $0
         local.set $1
         loop $for-loop|1
          local.get $1
          if
           local.get $1
           local.get $4
           i32.add
           i32.const 1
           i32.sub
           local.get $2
           i64.const 10
           i64.rem_u
           i32.wrap_i64
           i32.const 48
           i32.add
           i32.store8
           local.get $2
           i64.const 10
           i64.div_u
           local.set $2
           local.get $1
           i32.const 1
           i32.sub
           local.set $1
           br $for-loop|1
          end
         end
         global.get $assembly/json-dump/len
         local.get $0
         local.get $4
         i32.add
         local.get $5
         i32.sub
         i32.add
         global.set $assembly/json-dump/len
        else
         local.get $1
         i32.const 2
         i32.eq
         if
          local.get $0
          f64.load offset=8
          global.get $assembly/json-dump/buf
          global.get $assembly/json-dump/len
          i32.add
          call $assembly/float-format/writeFloat
          global.get $assembly/json-dump/len
          i32.add
          global.set $assembly/json-dump/len
         else
          local.get $0
          i32.load offset=8
          local.set $1
          local.get $0
          i32.load offset=12
          local.tee $0
          call $assembly/json-dump/reserve
          global.get $assembly/json-dump/buf
          global.get $assembly/json-dump/len
          i32.add
          local.get $1
          local.get $0
          memory.copy
          global.get $assembly/json-dump/len
          local.get $0
          i32.add
          global.set $assembly/json-dump/len
         end
        end
        return
       end
       local.get $0
       i32.load offset=8
       local.get $0
       i32.load offset=4
       call $assembly/json-dump/putEscaped
       return
      end
      i32.const 1
      call $assembly/json-dump/reserve
      global.get $assembly/json-dump/buf
      global.get $assembly/json-dump/len
      i32.add
      i32.const 91
      i32.store8
      global.get $assembly/json-dump/len
      i32.const 1
      i32.add
      global.set $assembly/json-dump/len
      local.get $0
      i32.load offset=4
      local.set $5
      loop $for-loop|10
       local.get $4
       local.get $5
       i32.lt_u
       if
        local.get $4
        if
         i32.const 1
         call $assembly/json-dump/reserve
         global.get $assembly/json-dump/buf
         global.get $assembly/json-dump/len
         i32.add
         i32.const 44
         i32.store8
         global.get $assembly/json-dump/len
         i32.const 1
         i32.add
         global.set $assembly/json-dump/len
        end
        local.get $0
        i32.load offset=12
        local.get $4
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.get $1
        call $assembly/json-dump/putValue
        local.get $4
        i32.const 1
        i32.add
        local.set $4
        br $for-loop|10
       end
      end
      i32.const 1
      call $assembly/json-dump/reserve
      global.get $assembly/json-dump/buf
      global.get $assembly/json-dump/len
      i32.add
      i32.const 93
      i32.store8
      br $folding-inner0
     end
     local.get $0
     call $assembly/table/tableEnsureSorted
     i32.const 1
     call $assembly/json-dump/reserve
     global.get $assembly/json-dump/buf
     global.get $assembly/json-dump/len
     i32.add
     i32.const 123
     i32.store8
     global.get $assembly/json-dump/len
     i32.const 1
     i32.add
     global.set $assembly/json-dump/len
     local.get $0
     i32.load offset=4
     local.set $5
     loop $for-loop|2
      local.get $4
      local.get $5
      i32.lt_u
      if
       local.get $4
       if
        i32.const 1
        call $assembly/json-dump/reserve
        global.get $assembly/json-dump/buf
        global.get $assembly/json-dump/len
        i32.add
        i32.const 44
        i32.store8
        global.get $assembly/json-dump/len
        i32.const 1
        i32.add
        global.set $assembly/json-dump/len
       end
       local.get $0
       i32.load offset=16
       local.get $4
       i32.const 2
       i32.shl
       i32.add
       i32.load
       local.tee $7
       i32.load
       local.set $6
       block $__inlined_func$assembly/json-dump/putKey$422
        local.get $1
        if (result i32)
         i32.const 1
        else
         local.get $6
         i32.load8_u
         i32.const 4
         i32.eq
        end
        if
         local.get $6
         local.get $1
         call $assembly/json-dump/putValue
         br $__inlined_func$assembly/json-dump/putKey$422
        end
        global.get $assembly/json-dump/len
        local.set $8
        local.get $6
        i32.const 0
        call $assembly/json-dump/putValue
        global.get $assembly/json-dump/len
        local.get $8
        i32.sub
        local.tee $9
        call $assembly/malloc/opa_malloc
        local.tee $6
        global.get $assembly/json-dump/buf
        local.get $8
        i32.add
        local.get $9
        memory.copy
        local.get $8
        global.set $assembly/json-dump/len
        local.get $6
        local.get $9
        call $assembly/json-dump/putEscaped
        block $__inlined_func$assembly/malloc/opa_free$194
         local.get $6
         i32.eqz
         br_if $__inlined_func$assembly/malloc/opa_free$194
         global.get $assembly/malloc/heapPtr
         local.get $6
         i32.const 8
         i32.sub
         local.tee $8
         i32.load
         local.tee $9
         local.get $6
         i32.add
         i32.eq
         if
          local.get $8
          global.set $assembly/malloc/heapPtr
          br $__inlined_func$assembly/malloc/opa_free$194
         end
         local.get $6
         local.get $9
         i32.const 256
         i32.le_u
         if (result i32)
          local.get $9
          i32.const 3
          i32.shr_u
          i32.const 2
          i32.shl
          i32.const 1024
          i32.add
         else
          i32.const 1156
         end
         local.tee $8
         i32.load
         i32.store
         local.get $8
         local.get $6
         i32.store
        end
       end
       i32.const 1
       call $assembly/json-dump/reserve
       global.get $assembly/json-dump/buf
       global.get $assembly/json-dump/len
       i32.add
       i32.const 58
       i32.store8
       global.get $assembly/json-dump/len
       i32.const 1
       i32.add
       global.set $assembly/json-dump/len
       local.get $7
       i32.load offset=4
       local.get $1
       call $assembly/json-dump/putValue
       local.get $4
       i32.const 1
       i32.add
       local.set $4
       br $for-loop|2
      end
     end
     i32.const 1
     call $assembly/json-dump/reserve
     global.get $assembly/json-dump/buf
     global.get $assembly/json-dump/len
     i32.add
     i32.const 125
     i32.store8
     br $folding-inner0
    end
    local.get $0
    call $assembly/table/tableEnsureSorted
    local.get $0
    i32.load offset=4
    local.tee $5
    i32.const 1
    local.get $1
    select
    i32.eqz
    if
     i32.const 10976
     call $assembly/json-dump/putAscii
     return
    end
    i32.const 1
    call $assembly/json-dump/reserve
    global.get $assembly/json-dump/buf
    global.get $assembly/json-dump/len
    i32.add
    i32.const 123
    i32.const 91
    local.get $1
    select
    i32.store8
    global.get $assembly/json-dump/len
    i32.const 1
    i32.add
    global.set $assembly/json-dump/len
    loop $for-loop|3
     local.get $4
     local.get $5
     i32.lt_u
     if
      local.get $4
      if
       i32.const 1
       call $assembly/json-dump/reserve
       global.get $assembly/json-dump/buf
       global.get $assembly/json-dump/len
       i32.add
       i32.const 44
       i32.store8
       global.get $assembly/json-dump/len
       i32.const 1
       i32.add
       global.set $assembly/json-dump/len
      end
      local.get $0
      i32.load offset=16
      local.get $4
      i32.const 2
      i32.shl
      i32.add
      i32.load
      i32.load
      local.get $1
      call $assembly/json-dump/putValue
      local.get $4
      i32.const 1
      i32.add
      local.set $4
      br $for-loop|3
     end
    end
    i32.const 1
    call $assembly/json-dump/reserve
    global.get $assembly/json-dump/buf
    global.get $assembly/json-dump/len
    i32.add
    i32.const 125
    i32.const 93
    local.get $1
    select
    i32.store8
    br $folding-inner0
   end
   i32.const 11152
   call $assembly/abort/cstring
   call $assembly/env/opa_abort
   unreachable
  end
  global.get $assembly/json-dump/len
  i32.const 1
  i32.add
  global.set $assembly/json-dump/len
 )
 (func $assembly/builtins/arithmetic/bothInts (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  call $assembly/number/numberTryInt
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/number/tryIntResult
  global.set $assembly/builtins/arithmetic/intA
  local.get $1
  call $assembly/number/numberTryInt
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/number/tryIntResult
  global.set $assembly/builtins/arithmetic/intB
  i32.const 1
 )
 (func $assembly/abort/cstring (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.const 20
  i32.sub
  i32.load offset=16
  i32.const 1
  i32.shr_u
  local.tee $3
  i32.const 1
  i32.add
  call $assembly/malloc/opa_malloc
  local.set $2
  loop $for-loop|0
   local.get $1
   local.get $3
   i32.lt_s
   if
    local.get $1
    local.get $2
    i32.add
    local.get $1
    local.get $0
    i32.const 20
    i32.sub
    i32.load offset=16
    i32.const 1
    i32.shr_u
    i32.ge_u
    if (result i32)
     i32.const -1
    else
     local.get $0
     local.get $1
     i32.const 1
     i32.shl
     i32.add
     i32.load16_u
    end
    i32.store8
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  local.get $2
  local.get $3
  i32.add
  i32.const 0
  i32.store8
  local.get $2
 )
 (func $assembly/json-parse/parseValue (result i32)
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  loop $while-continue|0
   global.get $assembly/json-parse/pos
   global.get $assembly/json-parse/end
   i32.lt_u
   if
    global.get $assembly/json-parse/pos
    i32.load8_u
    local.tee $2
    i32.const 10
    i32.ne
    local.get $2
    i32.const 32
    i32.ne
    i32.and
    local.get $2
    i32.const 13
    i32.ne
    i32.and
    local.get $2
    i32.const 9
    i32.ne
    i32.and
    i32.eqz
    if
     global.get $assembly/json-parse/pos
     i32.const 1
     i32.add
     global.set $assembly/json-parse/pos
     br $while-continue|0
    end
   end
  end
  global.get $assembly/json-parse/pos
  global.get $assembly/json-parse/end
  i32.ge_u
  if
   i32.const 1
   global.set $assembly/json-parse/failed
   i32.const 0
   return
  end
  block $break|0
   block $case6|0
    block $case5|0
     block $case4|0
      block $case3|0
       block $case2|0
        block $case1|0
         global.get $assembly/json-parse/pos
         i32.load8_u
         local.tee $2
         i32.const 123
         i32.ne
         if
          local.get $2
          i32.const 91
          i32.eq
          br_if $case1|0
          local.get $2
          i32.const 34
          i32.eq
          br_if $case2|0
          local.get $2
          i32.const 116
          i32.eq
          br_if $case3|0
          local.get $2
          i32.const 102
          i32.eq
          br_if $case4|0
          local.get $2
          i32.const 110
          i32.eq
          br_if $case5|0
          local.get $2
          i32.const 115
          i32.eq
          br_if $case6|0
          br $break|0
         end
         call $assembly/json-parse/parseObject
         return
        end
        global.get $assembly/json-parse/pos
        i32.const 1
        i32.add
        global.set $assembly/json-parse/pos
        i32.const 0
        call $assembly/value/opa_array_with_cap
        local.set $0
        loop $while-continue|01
         global.get $assembly/json-parse/pos
         global.get $assembly/json-parse/end
         i32.lt_u
         if
          global.get $assembly/json-parse/pos
          i32.load8_u
          local.tee $1
          i32.const 10
          i32.ne
          local.get $1
          i32.const 32
          i32.ne
          i32.and
          local.get $1
          i32.const 13
          i32.ne
          i32.and
          local.get $1
          i32.const 9
          i32.ne
          i32.and
          i32.eqz
          if
           global.get $assembly/json-parse/pos
           i32.const 1
           i32.add
           global.set $assembly/json-parse/pos
           br $while-continue|01
          end
         end
        end
        block $__inlined_func$assembly/json-parse/parseArray$419 (result i32)
         global.get $assembly/json-parse/pos
         global.get $assembly/json-parse/end
         i32.lt_u
         if (result i32)
          global.get $assembly/json-parse/pos
          i32.load8_u
          i32.const 93
          i32.eq
         else
          i32.const 0
         end
         if
          global.get $assembly/json-parse/pos
          i32.const 1
          i32.add
          global.set $assembly/json-parse/pos
          local.get $0
          br $__inlined_func$assembly/json-parse/parseArray$419
         end
         loop $while-continue|013
          call $assembly/json-parse/parseValue
          local.set $1
          i32.const 0
          global.get $assembly/json-parse/failed
          br_if $__inlined_func$assembly/json-parse/parseArray$419
          drop
          local.get $0
          local.get $1
          call $assembly/array/opa_array_append
          loop $while-continue|03
           global.get $assembly/json-parse/pos
           global.get $assembly/json-parse/end
           i32.lt_u
           if
            global.get $assembly/json-parse/pos
            i32.load8_u
            local.tee $1
            i32.const 10
            i32.ne
            local.get $1
            i32.const 32
            i32.ne
            i32.and
            local.get $1
            i32.const 13
            i32.ne
            i32.and
            local.get $1
            i32.const 9
            i32.ne
            i32.and
            i32.eqz
            if
             global.get $assembly/json-parse/pos
             i32.const 1
             i32.add
             global.set $assembly/json-parse/pos
             br $while-continue|03
            end
           end
          end
          global.get $assembly/json-parse/pos
          global.get $assembly/json-parse/end
          i32.ge_u
          if
           i32.const 1
           global.set $assembly/json-parse/failed
           i32.const 0
           br $__inlined_func$assembly/json-parse/parseArray$419
          end
          global.get $assembly/json-parse/pos
          local.tee $1
          i32.const 1
          i32.add
          global.set $assembly/json-parse/pos
          local.get $0
          local.get $1
          i32.load8_u
          local.tee $1
          i32.const 93
          i32.eq
          br_if $__inlined_func$assembly/json-parse/parseArray$419
          drop
          local.get $1
          i32.const 44
          i32.eq
          br_if $while-continue|013
         end
         i32.const 1
         global.set $assembly/json-parse/failed
         i32.const 0
        end
        return
       end
       call $assembly/json-parse/parseString
       return
      end
      block $__inlined_func$assembly/json-parse/expectWord (result i32)
       i32.const 0
       global.get $assembly/json-parse/end
       i32.const 10876
       i32.load
       i32.const 1
       i32.shr_u
       local.tee $2
       global.get $assembly/json-parse/pos
       i32.add
       i32.lt_u
       br_if $__inlined_func$assembly/json-parse/expectWord
       drop
       loop $for-loop|0
        local.get $1
        local.get $2
        i32.lt_u
        if
         i32.const 0
         global.get $assembly/json-parse/pos
         local.get $1
         i32.add
         i32.load8_u
         local.get $1
         i32.const 10876
         i32.load
         i32.const 1
         i32.shr_u
         i32.ge_u
         if (result i32)
          i32.const -1
         else
          local.get $1
          i32.const 1
          i32.shl
          i32.const 10880
          i32.add
          i32.load16_u
         end
         i32.const 255
         i32.and
         i32.ne
         br_if $__inlined_func$assembly/json-parse/expectWord
         drop
         local.get $1
         i32.const 1
         i32.add
         local.set $1
         br $for-loop|0
        end
       end
       global.get $assembly/json-parse/pos
       local.get $2
       i32.add
       global.set $assembly/json-parse/pos
       i32.const 1
      end
      if
       i32.const 8
       call $assembly/malloc/opa_malloc
       local.tee $0
       i32.const 2
       i32.store8
       local.get $0
       i32.const 1
       i32.store8 offset=1
      else
       i32.const 1
       global.set $assembly/json-parse/failed
      end
      local.get $0
      return
     end
     block $__inlined_func$assembly/json-parse/expectWord$1 (result i32)
      i32.const 0
      global.get $assembly/json-parse/end
      i32.const 10908
      i32.load
      i32.const 1
      i32.shr_u
      local.tee $2
      global.get $assembly/json-parse/pos
      i32.add
      i32.lt_u
      br_if $__inlined_func$assembly/json-parse/expectWord$1
      drop
      loop $for-loop|00
       local.get $1
       local.get $2
       i32.lt_u
       if
        i32.const 0
        global.get $assembly/json-parse/pos
        local.get $1
        i32.add
        i32.load8_u
        local.get $1
        i32.const 10908
        i32.load
        i32.const 1
        i32.shr_u
        i32.ge_u
        if (result i32)
         i32.const -1
        else
         local.get $1
         i32.const 1
         i32.shl
         i32.const 10912
         i32.add
         i32.load16_u
        end
        i32.const 255
        i32.and
        i32.ne
        br_if $__inlined_func$assembly/json-parse/expectWord$1
        drop
        local.get $1
        i32.const 1
        i32.add
        local.set $1
        br $for-loop|00
       end
      end
      global.get $assembly/json-parse/pos
      local.get $2
      i32.add
      global.set $assembly/json-parse/pos
      i32.const 1
     end
     if
      i32.const 8
      call $assembly/malloc/opa_malloc
      local.tee $0
      i32.const 2
      i32.store8
      local.get $0
      i32.const 0
      i32.store8 offset=1
     else
      i32.const 1
      global.set $assembly/json-parse/failed
     end
     local.get $0
     return
    end
    block $__inlined_func$assembly/json-parse/expectWord$2 (result i32)
     i32.const 0
     global.get $assembly/json-parse/end
     i32.const 10940
     i32.load
     i32.const 1
     i32.shr_u
     local.tee $0
     global.get $assembly/json-parse/pos
     i32.add
     i32.lt_u
     br_if $__inlined_func$assembly/json-parse/expectWord$2
     drop
     loop $for-loop|02
      local.get $0
      local.get $1
      i32.gt_u
      if
       i32.const 0
       global.get $assembly/json-parse/pos
       local.get $1
       i32.add
       i32.load8_u
       local.get $1
       i32.const 10940
       i32.load
       i32.const 1
       i32.shr_u
       i32.ge_u
       if (result i32)
        i32.const -1
       else
        local.get $1
        i32.const 1
        i32.shl
        i32.const 10944
        i32.add
        i32.load16_u
       end
       i32.const 255
       i32.and
       i32.ne
       br_if $__inlined_func$assembly/json-parse/expectWord$2
       drop
       local.get $1
       i32.const 1
       i32.add
       local.set $1
       br $for-loop|02
      end
     end
     global.get $assembly/json-parse/pos
     local.get $0
     i32.add
     global.set $assembly/json-parse/pos
     i32.const 1
    end
    if
     i32.const 8
     call $assembly/malloc/opa_malloc
     local.tee $1
     i32.const 1
     i32.store8
    else
     i32.const 1
     global.set $assembly/json-parse/failed
     i32.const 0
     local.set $1
    end
    local.get $1
    return
   end
   global.get $assembly/json-parse/regoTerms
   if (result i32)
    block $__inlined_func$assembly/json-parse/expectWord$3 (result i32)
     i32.const 0
     global.get $assembly/json-parse/end
     i32.const 10972
     i32.load
     i32.const 1
     i32.shr_u
     local.tee $0
     global.get $assembly/json-parse/pos
     i32.add
     i32.lt_u
     br_if $__inlined_func$assembly/json-parse/expectWord$3
     drop
     loop $for-loop|04
      local.get $0
      local.get $1
      i32.gt_u
      if
       i32.const 0
       global.get $assembly/json-parse/pos
       local.get $1
       i32.add
       i32.load8_u
       local.get $1
       i32.const 10972
       i32.load
       i32.const 1
       i32.shr_u
       i32.ge_u
       if (result i32)
        i32.const -1
       else
        local.get $1
        i32.const 1
        i32.shl
        i32.const 10976
        i32.add
        i32.load16_u
       end
       i32.const 255
       i32.and
       i32.ne
       br_if $__inlined_func$assembly/json-parse/expectWord$3
       drop
       local.get $1
       i32.const 1
       i32.add
       local.set $1
       br $for-loop|04
      end
     end
     global.get $assembly/json-parse/pos
     local.get $0
     i32.add
     global.set $assembly/json-parse/pos
     i32.const 1
    end
   else
    i32.const 0
   end
   if (result i32)
    i32.const 7
    i32.const 0
    call $assembly/table/tableNew
   else
    i32.const 1
    global.set $assembly/json-parse/failed
    i32.const 0
   end
   return
  end
  local.get $2
  i32.const 45
  i32.eq
  if (result i32)
   i32.const 1
  else
   local.get $2
   i32.const 57
   i32.le_u
   local.get $2
   i32.const 48
   i32.ge_u
   i32.and
  end
  if
   call $assembly/json-parse/parseNumber
   return
  end
  i32.const 1
  global.set $assembly/json-parse/failed
  i32.const 0
 )
 (func $assembly/compare/valueHash (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  block $folding-inner0
   block $break|0
    block $case5|0
     block $case4|0
      block $case3|0
       block $case2|0
        block $case1|0
         block $case0|0
          local.get $0
          i32.load8_u
          i32.const 1
          i32.sub
          br_table $case0|0 $case1|0 $case2|0 $case3|0 $case4|0 $case5|0 $case5|0 $break|0
         end
         i32.const -1640531527
         return
        end
        i32.const 1374496523
        i32.const 625341585
        local.get $0
        i32.load8_u offset=1
        select
        return
       end
       local.get $0
       local.get $0
       i32.const 4032
       call $assembly/number/scratchFor
       local.tee $0
       call $assembly/number/decimalOf
       local.set $3
       global.get $assembly/number/decExp
       i32.const -2128831088
       i32.const -2128830986
       global.get $assembly/number/decNeg
       select
       i32.xor
       i32.const 16777619
       i32.mul
       local.set $2
       loop $for-loop|0
        local.get $1
        local.get $3
        i32.lt_s
        if
         local.get $2
         local.get $0
         local.get $1
         i32.add
         i32.load8_u
         i32.xor
         i32.const 16777619
         i32.mul
         local.set $2
         local.get $1
         i32.const 1
         i32.add
         local.set $1
         br $for-loop|0
        end
       end
       local.get $0
       i32.const 4032
       i32.ne
       if
        block $__inlined_func$assembly/malloc/opa_free$26
         local.get $0
         i32.eqz
         br_if $__inlined_func$assembly/malloc/opa_free$26
         global.get $assembly/malloc/heapPtr
         local.get $0
         i32.const 8
         i32.sub
         local.tee $1
         i32.load
         local.tee $3
         local.get $0
         i32.add
         i32.eq
         if
          local.get $1
          global.set $assembly/malloc/heapPtr
          br $__inlined_func$assembly/malloc/opa_free$26
         end
         local.get $0
         local.get $3
         i32.const 256
         i32.le_u
         if (result i32)
          local.get $3
          i32.const 3
          i32.shr_u
          i32.const 2
          i32.shl
          i32.const 1024
          i32.add
         else
          i32.const 1156
         end
         local.tee $1
         i32.load
         i32.store
         local.get $1
         local.get $0
         i32.store
        end
       end
       local.get $2
       return
      end
      local.get $0
      i32.load offset=8
      local.set $2
      local.get $0
      i32.load offset=4
      local.set $3
      i32.const -2128831035
      local.set $1
      i32.const 0
      local.set $0
      loop $for-loop|00
       local.get $0
       local.get $3
       i32.lt_u
       if
        local.get $1
        local.get $0
        local.get $2
        i32.add
        i32.load8_u
        i32.xor
        i32.const 16777619
        i32.mul
        local.set $1
        local.get $0
        i32.const 1
        i32.add
        local.set $0
        br $for-loop|00
       end
      end
      local.get $1
      return
     end
     i32.const 74565
     local.set $1
     local.get $0
     i32.load offset=4
     local.set $3
     loop $for-loop|1
      local.get $2
      local.get $3
      i32.lt_u
      if
       local.get $0
       i32.load offset=12
       local.get $2
       i32.const 2
       i32.shl
       i32.add
       i32.load
       call $assembly/compare/valueHash
       local.get $1
       i32.const 31
       i32.mul
       i32.add
       local.set $1
       local.get $2
       i32.const 1
       i32.add
       local.set $2
       br $for-loop|1
      end
     end
     br $folding-inner0
    end
    i32.const 30583
    i32.const 26214
    local.get $0
    i32.load8_u
    i32.const 7
    i32.eq
    select
    local.set $1
    local.get $0
    i32.load offset=4
    local.set $3
    loop $for-loop|2
     local.get $2
     local.get $3
     i32.lt_u
     if
      local.get $0
      i32.load offset=16
      local.get $2
      i32.const 2
      i32.shl
      i32.add
      i32.load
      local.tee $4
      i32.load offset=12
      local.set $5
      local.get $0
      i32.load8_u
      i32.const 6
      i32.eq
      if (result i32)
       local.get $4
       i32.load offset=4
       call $assembly/compare/valueHash
       local.get $5
       i32.const 31
       i32.mul
       i32.add
       local.tee $4
       local.get $4
       i32.const 16
       i32.shr_u
       i32.xor
       i32.const -2048144789
       i32.mul
       local.tee $4
       local.get $4
       i32.const 13
       i32.shr_u
       i32.xor
      else
       local.get $5
      end
      local.get $1
      i32.add
      local.set $1
      local.get $2
      i32.const 1
      i32.add
      local.set $2
      br $for-loop|2
     end
    end
    br $folding-inner0
   end
   i32.const 0
   return
  end
  local.get $1
  local.get $1
  i32.const 16
  i32.shr_u
  i32.xor
  i32.const -2048144789
  i32.mul
  local.tee $0
  local.get $0
  i32.const 13
  i32.shr_u
  i32.xor
 )
 (func $assembly/table/tableRemove (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  local.get $0
  local.get $1
  call $assembly/table/tableFind
  local.tee $2
  i32.eqz
  if
   return
  end
  local.get $0
  i32.load offset=8
  local.get $2
  i32.load offset=12
  local.get $0
  i32.load offset=12
  i32.const 1
  i32.sub
  i32.and
  i32.const 2
  i32.shl
  i32.add
  local.set $1
  loop $while-continue|0
   local.get $1
   i32.load
   local.tee $3
   local.get $2
   i32.ne
   if
    local.get $3
    i32.const 8
    i32.add
    local.set $1
    br $while-continue|0
   end
  end
  local.get $1
  local.get $2
  i32.load offset=8
  i32.store
  local.get $0
  i32.load offset=16
  local.set $3
  local.get $0
  i32.load offset=4
  local.set $4
  i32.const 0
  local.set $1
  loop $while-continue|1
   local.get $3
   local.get $1
   i32.const 2
   i32.shl
   i32.add
   i32.load
   local.get $2
   i32.ne
   if
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $while-continue|1
   end
  end
  local.get $3
  local.get $1
  i32.const 2
  i32.shl
  i32.add
  local.get $3
  local.get $1
  i32.const 1
  i32.add
  i32.const 2
  i32.shl
  i32.add
  local.get $4
  local.get $1
  i32.sub
  i32.const 1
  i32.sub
  i32.const 2
  i32.shl
  memory.copy
  local.get $0
  local.get $4
  i32.const 1
  i32.sub
  i32.store offset=4
 )
 (func $assembly/malloc/opa_realloc (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.eqz
  if
   local.get $1
   call $assembly/malloc/opa_malloc
   return
  end
  local.get $0
  i32.const 8
  i32.sub
  i32.load
  local.tee $2
  local.get $1
  i32.ge_u
  if
   local.get $0
   return
  end
  local.get $1
  i32.const 2147418112
  i32.gt_u
  if
   i32.const 4464
   call $assembly/abort/cstring
   call $assembly/env/opa_abort
   unreachable
  end
  local.get $1
  i32.const 7
  i32.add
  i32.const -8
  i32.and
  local.set $1
  global.get $assembly/malloc/heapPtr
  local.get $0
  local.get $2
  i32.add
  i32.eq
  if
   local.get $0
   local.get $1
   i32.add
   local.tee $2
   call $assembly/malloc/ensureMemory
   local.get $0
   i32.const 8
   i32.sub
   local.get $1
   i32.store
   local.get $2
   global.set $assembly/malloc/heapPtr
   local.get $0
   return
  end
  local.get $1
  call $assembly/malloc/opa_malloc
  local.tee $3
  local.get $0
  local.get $2
  memory.copy
  block $__inlined_func$assembly/malloc/opa_free$8
   local.get $0
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$8
   global.get $assembly/malloc/heapPtr
   local.get $0
   i32.const 8
   i32.sub
   local.tee $2
   i32.load
   local.tee $1
   local.get $0
   i32.add
   i32.eq
   if
    local.get $2
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$8
   end
   local.get $0
   local.get $1
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $1
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $0
   i32.store
  end
  local.get $3
 )
 (func $assembly/json-dump/putAscii (param $0 i32)
  (local $1 i32)
  (local $2 i32)
  local.get $0
  i32.const 20
  i32.sub
  i32.load offset=16
  i32.const 1
  i32.shr_u
  local.tee $2
  call $assembly/json-dump/reserve
  loop $for-loop|0
   local.get $1
   local.get $2
   i32.lt_u
   if
    global.get $assembly/json-dump/buf
    global.get $assembly/json-dump/len
    i32.add
    local.get $1
    i32.add
    local.get $1
    local.get $0
    i32.const 20
    i32.sub
    i32.load offset=16
    i32.const 1
    i32.shr_u
    i32.ge_u
    if (result i32)
     i32.const -1
    else
     local.get $0
     local.get $1
     i32.const 1
     i32.shl
     i32.add
     i32.load16_u
    end
    i32.store8
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  global.get $assembly/json-dump/len
  local.get $2
  i32.add
  global.set $assembly/json-dump/len
 )
 (func $assembly/float-format/exactDigits (param $0 i64) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i64)
  (local $7 i32)
  (local $8 i32)
  i32.const 1168
  local.get $0
  i64.store32
  i32.const 1172
  local.get $0
  i64.const 32
  i64.shr_u
  local.tee $6
  i64.store32
  i32.const 2
  local.get $0
  i64.const 0
  i64.ne
  local.get $6
  i64.const 0
  i64.ne
  select
  global.set $assembly/float-format/bigLen
  local.get $1
  i32.const 0
  i32.ge_s
  if
   local.get $1
   local.set $3
   loop $for-loop|0
    local.get $3
    i32.const 31
    i32.ge_s
    if
     i64.const 0
     local.set $0
     i32.const 0
     local.set $4
     loop $for-loop|00
      local.get $4
      global.get $assembly/float-format/bigLen
      i32.lt_s
      if
       local.get $4
       i32.const 2
       i32.shl
       i32.const 1168
       i32.add
       local.tee $5
       i64.load32_u
       i64.const 31
       i64.shl
       local.get $0
       i64.add
       local.set $0
       local.get $5
       local.get $0
       i64.store32
       local.get $0
       i64.const 32
       i64.shr_u
       local.set $0
       local.get $4
       i32.const 1
       i32.add
       local.set $4
       br $for-loop|00
      end
     end
     local.get $0
     i64.const 0
     i64.ne
     if
      global.get $assembly/float-format/bigLen
      i32.const 2
      i32.shl
      i32.const 1168
      i32.add
      local.get $0
      i64.store32
      global.get $assembly/float-format/bigLen
      i32.const 1
      i32.add
      global.set $assembly/float-format/bigLen
     end
     local.get $3
     i32.const 31
     i32.sub
     local.set $3
     br $for-loop|0
    end
   end
   local.get $3
   i32.const 0
   i32.gt_s
   if
    i32.const 1
    local.get $3
    i32.shl
    local.set $4
    i64.const 0
    local.set $0
    i32.const 0
    local.set $3
    loop $for-loop|01
     local.get $3
     global.get $assembly/float-format/bigLen
     i32.lt_s
     if
      local.get $3
      i32.const 2
      i32.shl
      i32.const 1168
      i32.add
      local.tee $5
      i64.load32_u
      local.get $4
      i64.extend_i32_u
      i64.mul
      local.get $0
      i64.add
      local.set $0
      local.get $5
      local.get $0
      i64.store32
      local.get $0
      i64.const 32
      i64.shr_u
      local.set $0
      local.get $3
      i32.const 1
      i32.add
      local.set $3
      br $for-loop|01
     end
    end
    local.get $0
    i64.const 0
    i64.ne
    if
     global.get $assembly/float-format/bigLen
     i32.const 2
     i32.shl
     i32.const 1168
     i32.add
     local.get $0
     i64.store32
     global.get $assembly/float-format/bigLen
     i32.const 1
     i32.add
     global.set $assembly/float-format/bigLen
    end
   end
  else
   i32.const 0
   local.get $1
   i32.sub
   local.set $4
   loop $for-loop|1
    local.get $4
    i32.const 13
    i32.ge_s
    if
     i64.const 0
     local.set $0
     i32.const 0
     local.set $3
     loop $for-loop|02
      local.get $3
      global.get $assembly/float-format/bigLen
      i32.lt_s
      if
       local.get $3
       i32.const 2
       i32.shl
       i32.const 1168
       i32.add
       local.tee $5
       i64.load32_u
       i64.const 1220703125
       i64.mul
       local.get $0
       i64.add
       local.set $0
       local.get $5
       local.get $0
       i64.store32
       local.get $0
       i64.const 32
       i64.shr_u
       local.set $0
       local.get $3
       i32.const 1
       i32.add
       local.set $3
       br $for-loop|02
      end
     end
     local.get $0
     i64.const 0
     i64.ne
     if
      global.get $assembly/float-format/bigLen
      i32.const 2
      i32.shl
      i32.const 1168
      i32.add
      local.get $0
      i64.store32
      global.get $assembly/float-format/bigLen
      i32.const 1
      i32.add
      global.set $assembly/float-format/bigLen
     end
     local.get $4
     i32.const 13
     i32.sub
     local.set $4
     br $for-loop|1
    end
   end
   i32.const 1
   local.set $3
   loop $for-loop|2
    local.get $4
    i32.const 0
    i32.gt_s
    if
     local.get $3
     i32.const 5
     i32.mul
     local.set $3
     local.get $4
     i32.const 1
     i32.sub
     local.set $4
     br $for-loop|2
    end
   end
   i64.const 0
   local.set $0
   i32.const 0
   local.set $4
   loop $for-loop|03
    local.get $4
    global.get $assembly/float-format/bigLen
    i32.lt_s
    if
     local.get $4
     i32.const 2
     i32.shl
     i32.const 1168
     i32.add
     local.tee $5
     i64.load32_u
     local.get $3
     i64.extend_i32_u
     i64.mul
     local.get $0
     i64.add
     local.set $0
     local.get $5
     local.get $0
     i64.store32
     local.get $0
     i64.const 32
     i64.shr_u
     local.set $0
     local.get $4
     i32.const 1
     i32.add
     local.set $4
     br $for-loop|03
    end
   end
   local.get $0
   i64.const 0
   i64.ne
   if
    global.get $assembly/float-format/bigLen
    i32.const 2
    i32.shl
    i32.const 1168
    i32.add
    local.get $0
    i64.store32
    global.get $assembly/float-format/bigLen
    i32.const 1
    i32.add
    global.set $assembly/float-format/bigLen
   end
  end
  i32.const 0
  local.set $3
  loop $while-continue|3
   global.get $assembly/float-format/bigLen
   i32.const 0
   i32.gt_s
   if
    i64.const 0
    local.set $0
    global.get $assembly/float-format/bigLen
    i32.const 1
    i32.sub
    local.set $4
    loop $for-loop|04
     local.get $4
     i32.const 0
     i32.ge_s
     if
      local.get $4
      i32.const 2
      i32.shl
      i32.const 1168
      i32.add
      local.tee $5
      i64.load32_u
      local.get $0
      i64.const 32
      i64.shl
      i64.or
      local.set $0
      local.get $5
      local.get $0
      i64.const 1000000000
      i64.div_u
      i64.store32
      local.get $0
      i64.const 1000000000
      i64.rem_u
      local.set $0
      local.get $4
      i32.const 1
      i32.sub
      local.set $4
      br $for-loop|04
     end
    end
    loop $while-continue|1
     global.get $assembly/float-format/bigLen
     i32.const 0
     i32.gt_s
     if (result i32)
      global.get $assembly/float-format/bigLen
      i32.const 2
      i32.shl
      i32.const 1164
      i32.add
      i32.load
     else
      i32.const 1
     end
     i32.eqz
     if
      global.get $assembly/float-format/bigLen
      i32.const 1
      i32.sub
      global.set $assembly/float-format/bigLen
      br $while-continue|1
     end
    end
    local.get $0
    i32.wrap_i64
    local.set $4
    global.get $assembly/float-format/bigLen
    i32.eqz
    local.set $7
    i32.const 0
    local.set $5
    loop $for-loop|4
     local.get $4
     local.get $7
     i32.eqz
     i32.or
     i32.const 0
     local.get $5
     i32.const 9
     i32.lt_s
     select
     if
      local.get $2
      local.get $3
      i32.add
      local.get $4
      i32.const 10
      i32.rem_u
      i32.const 48
      i32.add
      i32.store8
      local.get $3
      i32.const 1
      i32.add
      local.set $3
      local.get $4
      i32.const 10
      i32.div_u
      local.set $4
      local.get $5
      i32.const 1
      i32.add
      local.set $5
      br $for-loop|4
     end
    end
    br $while-continue|3
   end
  end
  i32.const 0
  local.set $4
  local.get $3
  i32.const 1
  i32.sub
  local.set $5
  loop $for-loop|5
   local.get $4
   local.get $5
   i32.lt_s
   if
    local.get $2
    local.get $4
    i32.add
    local.tee $7
    i32.load8_u
    local.set $8
    local.get $7
    local.get $2
    local.get $5
    i32.add
    local.tee $7
    i32.load8_u
    i32.store8
    local.get $7
    local.get $8
    i32.store8
    local.get $4
    i32.const 1
    i32.add
    local.set $4
    local.get $5
    i32.const 1
    i32.sub
    local.set $5
    br $for-loop|5
   end
  end
  local.get $3
  i32.const 0
  local.get $1
  i32.sub
  i32.const 0
  local.get $1
  i32.const 0
  i32.lt_s
  select
  i32.sub
  global.set $assembly/float-format/digitsExp
  loop $while-continue|6
   local.get $3
   i32.const 0
   i32.gt_s
   if (result i32)
    local.get $2
    local.get $3
    i32.const 1
    i32.sub
    i32.add
    i32.load8_u
    i32.const 48
    i32.eq
   else
    i32.const 0
   end
   if
    local.get $3
    i32.const 1
    i32.sub
    local.set $3
    br $while-continue|6
   end
  end
  local.get $3
 )
 (func $assembly/builtins/strings/trimWith (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (result i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   if (result i32)
    local.get $1
    i32.load8_u
    i32.const 4
    i32.eq
   else
    i32.const 1
   end
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=4
  local.set $4
  local.get $0
  i32.load offset=8
  local.set $0
  local.get $2
  if
   i32.const 0
   local.set $2
   loop $while-continue|0
    local.get $2
    local.get $4
    i32.lt_u
    if
     block $while-break|0
      local.get $0
      local.get $2
      i32.add
      local.get $4
      local.get $2
      i32.sub
      call $assembly/utf8/decodeUtf8
      local.set $5
      local.get $1
      if (result i32)
       local.get $5
       local.get $1
       call $assembly/builtins/strings/inCutset
      else
       local.get $5
       i32.const 255
       i32.le_u
       if (result i32)
        local.get $5
        i32.const 133
        i32.eq
        local.set $6
        local.get $5
        i32.const 32
        i32.eq
        if (result i32)
         i32.const 1
        else
         local.get $5
         i32.const 13
         i32.le_u
         local.get $5
         i32.const 9
         i32.ge_u
         i32.and
        end
        local.get $6
        i32.or
        local.get $5
        i32.const 160
        i32.eq
        i32.or
       else
        local.get $5
        i32.const 8232
        i32.eq
        local.set $6
        local.get $5
        i32.const 5760
        i32.eq
        if (result i32)
         i32.const 1
        else
         local.get $5
         i32.const 8202
         i32.le_u
         local.get $5
         i32.const 8192
         i32.ge_u
         i32.and
        end
        local.get $6
        i32.or
        local.get $5
        i32.const 8233
        i32.eq
        i32.or
        local.get $5
        i32.const 8239
        i32.eq
        i32.or
        local.get $5
        i32.const 8287
        i32.eq
        i32.or
        local.get $5
        i32.const 12288
        i32.eq
        i32.or
       end
      end
      i32.eqz
      br_if $while-break|0
      local.get $2
      global.get $assembly/utf8/decodedWidth
      i32.add
      local.set $2
      br $while-continue|0
     end
    end
   end
  else
   i32.const 0
   local.set $2
  end
  local.get $0
  local.get $2
  i32.add
  local.tee $5
  local.get $3
  if (result i32)
   local.get $1
   local.set $3
   local.get $4
   local.get $2
   i32.sub
   local.set $1
   loop $while-continue|02
    local.get $1
    if
     block $while-break|01
      local.get $1
      i32.const 1
      i32.sub
      local.set $0
      loop $while-continue|1
       local.get $1
       local.get $0
       i32.sub
       i32.const 4
       i32.lt_u
       local.set $4
       local.get $0
       if (result i32)
        local.get $0
        local.get $5
        i32.add
        i32.load8_u
        i32.const 192
        i32.and
        i32.const 128
        i32.eq
       else
        i32.const 0
       end
       local.get $4
       i32.and
       if
        local.get $0
        i32.const 1
        i32.sub
        local.set $0
        br $while-continue|1
       end
      end
      local.get $0
      local.get $5
      i32.add
      local.get $1
      local.get $0
      i32.sub
      local.tee $4
      call $assembly/utf8/decodeUtf8
      local.set $6
      global.get $assembly/utf8/decodedWidth
      local.get $4
      i32.ne
      br_if $while-break|01
      local.get $3
      if (result i32)
       local.get $6
       local.get $3
       call $assembly/builtins/strings/inCutset
      else
       local.get $6
       i32.const 255
       i32.le_u
       if (result i32)
        local.get $6
        i32.const 133
        i32.eq
        local.set $4
        local.get $6
        i32.const 32
        i32.eq
        if (result i32)
         i32.const 1
        else
         local.get $6
         i32.const 13
         i32.le_u
         local.get $6
         i32.const 9
         i32.ge_u
         i32.and
        end
        local.get $4
        i32.or
        local.get $6
        i32.const 160
        i32.eq
        i32.or
       else
        local.get $6
        i32.const 8232
        i32.eq
        local.set $4
        local.get $6
        i32.const 5760
        i32.eq
        if (result i32)
         i32.const 1
        else
         local.get $6
         i32.const 8202
         i32.le_u
         local.get $6
         i32.const 8192
         i32.ge_u
         i32.and
        end
        local.get $4
        i32.or
        local.get $6
        i32.const 8233
        i32.eq
        i32.or
        local.get $6
        i32.const 8239
        i32.eq
        i32.or
        local.get $6
        i32.const 8287
        i32.eq
        i32.or
        local.get $6
        i32.const 12288
        i32.eq
        i32.or
       end
      end
      i32.eqz
      br_if $while-break|01
      local.get $0
      local.set $1
      br $while-continue|02
     end
    end
   end
   local.get $1
   local.get $2
   i32.add
  else
   local.get $4
  end
  local.get $2
  i32.sub
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/sets/addAll (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  local.get $1
  i32.load offset=4
  local.set $3
  loop $for-loop|0
   local.get $2
   local.get $3
   i32.lt_u
   if
    local.get $0
    local.get $1
    i32.load offset=16
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.load
    local.tee $4
    call $assembly/table/tableFind
    i32.eqz
    if
     local.get $0
     local.get $4
     i32.const 0
     call $assembly/table/tableInsert
    end
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|0
   end
  end
 )
 (func $assembly/bigint/integerDigits (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  local.get $0
  i32.load8_u offset=1
  i32.const 3
  i32.eq
  if (result i32)
   local.get $0
   i32.load offset=12
   i32.const 1
   i32.add
  else
   i32.const 64
  end
  call $assembly/malloc/opa_malloc
  local.tee $0
  call $assembly/number/decimalOf
  local.tee $1
  global.get $assembly/number/decExp
  local.tee $2
  i32.gt_s
  local.get $2
  i32.const 1000
  i32.gt_s
  i32.or
  if
   block $__inlined_func$assembly/malloc/opa_free$221
    local.get $0
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$221
    global.get $assembly/malloc/heapPtr
    local.get $0
    i32.const 8
    i32.sub
    local.tee $1
    i32.load
    local.tee $2
    local.get $0
    i32.add
    i32.eq
    if
     local.get $1
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$221
    end
    local.get $0
    local.get $2
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $2
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $1
    i32.load
    i32.store
    local.get $1
    local.get $0
    i32.store
   end
   i32.const 0
   return
  end
  global.get $assembly/number/decNeg
  global.set $assembly/bigint/intNeg
  i32.const 1
  local.get $2
  local.get $2
  i32.const 0
  i32.le_s
  select
  local.tee $3
  global.set $assembly/bigint/intLen
  local.get $3
  call $assembly/malloc/opa_malloc
  local.tee $3
  local.get $0
  local.get $1
  memory.copy
  local.get $1
  local.get $3
  i32.add
  i32.const 48
  local.get $2
  local.get $1
  i32.sub
  memory.fill
  local.get $2
  i32.eqz
  if
   local.get $3
   i32.const 48
   i32.store8
  end
  block $__inlined_func$assembly/malloc/opa_free$222
   local.get $0
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$222
   global.get $assembly/malloc/heapPtr
   local.get $0
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $2
   local.get $0
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$222
   end
   local.get $0
   local.get $2
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $2
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $0
   i32.store
  end
  local.get $3
 )
 (func $~lib/math/NativeMath.pow (param $0 f64) (result f64)
  (local $1 i32)
  (local $2 i64)
  (local $3 f64)
  (local $4 f64)
  (local $5 f64)
  (local $6 f64)
  (local $7 f64)
  (local $8 i64)
  (local $9 i64)
  (local $10 f64)
  (local $11 f64)
  (local $12 f64)
  (local $13 f64)
  (local $14 i32)
  local.get $0
  f64.abs
  f64.const 2
  f64.le
  if
   local.get $0
   f64.const 2
   f64.eq
   if
    f64.const 100
    return
   end
   local.get $0
   f64.const 0.5
   f64.eq
   if
    f64.const 3.1622776601683795
    return
   end
   local.get $0
   f64.const -1
   f64.eq
   if
    f64.const 0.1
    return
   end
   local.get $0
   f64.const 1
   f64.eq
   if
    f64.const 10
    return
   end
   local.get $0
   f64.const 0
   f64.eq
   if
    f64.const 1
    return
   end
  end
  block $~lib/util/math/pow_lut|inlined.0 (result f64)
   local.get $0
   i64.reinterpret_f64
   local.tee $2
   i64.const 52
   i64.shr_u
   local.tee $8
   i64.const 2047
   i64.and
   i64.const 958
   i64.sub
   i64.const 128
   i64.ge_u
   if
    local.get $2
    i64.const 1
    i64.shl
    local.tee $9
    i64.const 1
    i64.sub
    i64.const -9007199254740993
    i64.ge_u
    if
     f64.const 1
     local.get $9
     i64.eqz
     br_if $~lib/util/math/pow_lut|inlined.0
     drop
     local.get $0
     f64.const 10
     f64.add
     local.get $9
     i64.const -9007199254740992
     i64.gt_u
     br_if $~lib/util/math/pow_lut|inlined.0
     drop
     f64.const 0
     local.get $2
     i64.const 63
     i64.shr_u
     i32.wrap_i64
     br_if $~lib/util/math/pow_lut|inlined.0
     drop
     local.get $0
     local.get $0
     f64.mul
     br $~lib/util/math/pow_lut|inlined.0
    end
    local.get $8
    i64.const 2047
    i64.and
    local.tee $9
    i64.const 958
    i64.sub
    i64.const 128
    i64.ge_u
    if
     f64.const 1
     local.get $9
     i64.const 958
     i64.lt_u
     br_if $~lib/util/math/pow_lut|inlined.0
     drop
     f64.const inf
     f64.const 0
     local.get $8
     i64.const 2048
     i64.lt_u
     select
     br $~lib/util/math/pow_lut|inlined.0
    end
   end
   i32.const 8144
   f64.load
   f64.const 2.079441541679671
   f64.add
   local.tee $10
   i32.const 8128
   f64.load
   local.tee $3
   f64.const 1.25
   f64.mul
   f64.const -1
   f64.add
   local.tee $7
   local.get $3
   f64.const 0
   f64.mul
   local.tee $11
   f64.add
   local.tee $4
   f64.add
   local.set $5
   local.get $4
   local.get $4
   f64.const -0.5
   f64.mul
   local.tee $12
   f64.mul
   local.set $6
   local.get $5
   local.get $7
   local.get $7
   f64.const -0.5
   f64.mul
   local.tee $13
   f64.mul
   local.tee $3
   f64.add
   local.tee $7
   local.get $7
   i32.const 8152
   f64.load
   f64.const 1.6493769056125113e-13
   f64.add
   local.get $10
   local.get $5
   f64.sub
   local.get $4
   f64.add
   f64.add
   local.get $11
   local.get $12
   local.get $13
   f64.add
   f64.mul
   f64.add
   local.get $5
   local.get $7
   f64.sub
   local.get $3
   f64.add
   f64.add
   local.get $4
   local.get $6
   f64.mul
   local.get $4
   f64.const 0.5000000000000007
   f64.mul
   f64.const -0.6666666666666679
   f64.add
   local.get $6
   local.get $4
   f64.const -0.6666666663487739
   f64.mul
   f64.const 0.7999999995323976
   f64.add
   local.get $6
   local.get $4
   f64.const 1.0000415263675542
   f64.mul
   f64.const -1.142909628459501
   f64.add
   f64.mul
   f64.add
   f64.mul
   f64.add
   f64.mul
   f64.add
   local.tee $3
   f64.add
   local.tee $4
   f64.sub
   local.get $3
   f64.add
   global.set $~lib/util/math/log_tail
   local.get $2
   i64.const -134217728
   i64.and
   f64.reinterpret_i64
   local.tee $3
   local.get $4
   i64.reinterpret_f64
   i64.const -134217728
   i64.and
   f64.reinterpret_i64
   local.tee $5
   f64.mul
   local.set $6
   local.get $0
   local.get $3
   f64.sub
   local.get $5
   f64.mul
   local.get $0
   local.get $4
   local.get $5
   f64.sub
   global.get $~lib/util/math/log_tail
   f64.add
   f64.mul
   f64.add
   local.set $0
   block $~lib/util/math/exp_inline|inlined.0 (result f64)
    local.get $6
    i64.reinterpret_f64
    local.tee $2
    i64.const 52
    i64.shr_u
    i32.wrap_i64
    i32.const 2047
    i32.and
    local.tee $1
    i32.const 969
    i32.sub
    local.tee $14
    i32.const 63
    i32.ge_u
    if
     f64.const 1
     local.get $14
     i32.const -2147483648
     i32.ge_u
     br_if $~lib/util/math/exp_inline|inlined.0
     drop
     f64.const 0
     f64.const inf
     local.get $2
     i64.const 0
     i64.lt_s
     select
     local.get $1
     i32.const 1033
     i32.ge_u
     br_if $~lib/util/math/exp_inline|inlined.0
     drop
     i32.const 0
     local.set $1
    end
    local.get $6
    f64.const 184.6649652337873
    f64.mul
    f64.const 6755399441055744
    f64.add
    local.tee $3
    i64.reinterpret_f64
    local.tee $2
    i64.const 127
    i64.and
    i64.const 1
    i64.shl
    i32.wrap_i64
    i32.const 3
    i32.shl
    i32.const 8800
    i32.add
    local.tee $14
    i64.load offset=8
    local.get $2
    i64.const 45
    i64.shl
    i64.add
    local.set $8
    local.get $6
    local.get $3
    f64.const -6755399441055744
    f64.add
    local.tee $3
    f64.const -0.005415212348111709
    f64.mul
    f64.add
    local.get $3
    f64.const -1.2864023111638346e-14
    f64.mul
    f64.add
    local.get $0
    f64.add
    local.tee $0
    local.get $0
    f64.mul
    local.set $3
    local.get $14
    f64.load
    local.get $0
    f64.add
    local.get $3
    local.get $0
    f64.const 0.16666666666665886
    f64.mul
    f64.const 0.49999999999996786
    f64.add
    f64.mul
    f64.add
    local.get $3
    local.get $3
    f64.mul
    local.get $0
    f64.const 0.008333335853059549
    f64.mul
    f64.const 0.0416666808410674
    f64.add
    f64.mul
    f64.add
    local.set $0
    local.get $1
    i32.eqz
    if
     block $~lib/util/math/specialcase|inlined.0 (result f64)
      local.get $2
      i64.const 2147483648
      i64.and
      i64.eqz
      if
       local.get $8
       i64.const 4544132024016830464
       i64.sub
       f64.reinterpret_i64
       local.tee $3
       local.get $3
       local.get $0
       f64.mul
       f64.add
       f64.const 5486124068793688683255936e279
       f64.mul
       br $~lib/util/math/specialcase|inlined.0
      end
      local.get $8
      i64.const 4602678819172646912
      i64.add
      local.tee $2
      f64.reinterpret_i64
      local.tee $3
      local.get $0
      f64.mul
      local.set $0
      local.get $3
      local.get $0
      f64.add
      local.tee $4
      f64.abs
      f64.const 1
      f64.lt
      if (result f64)
       local.get $2
       i64.const -9223372036854775808
       i64.and
       f64.reinterpret_i64
       f64.const 1
       local.get $4
       f64.copysign
       local.tee $5
       local.get $4
       f64.add
       local.tee $6
       local.get $5
       local.get $6
       f64.sub
       local.get $4
       f64.add
       local.get $3
       local.get $4
       f64.sub
       local.get $0
       f64.add
       f64.add
       f64.add
       local.get $5
       f64.sub
       local.tee $0
       local.get $0
       f64.const 0
       f64.eq
       select
      else
       local.get $4
      end
      f64.const 2.2250738585072014e-308
      f64.mul
     end
     br $~lib/util/math/exp_inline|inlined.0
    end
    local.get $8
    f64.reinterpret_i64
    local.tee $3
    local.get $3
    local.get $0
    f64.mul
    f64.add
   end
  end
 )
 (func $assembly/value/opa_number_ref (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  i32.const 16
  call $assembly/malloc/opa_malloc
  local.tee $2
  i32.const 3
  i32.store8
  local.get $2
  i32.const 3
  i32.store8 offset=1
  local.get $2
  local.get $0
  i32.store offset=8
  local.get $2
  local.get $1
  i32.store offset=12
  local.get $2
 )
 (func $assembly/utf8/countCodePoints (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  loop $while-continue|0
   local.get $1
   local.get $2
   i32.gt_u
   if
    local.get $0
    local.get $2
    i32.add
    local.get $1
    local.get $2
    i32.sub
    call $assembly/utf8/decodeUtf8
    drop
    local.get $2
    global.get $assembly/utf8/decodedWidth
    i32.add
    local.set $2
    local.get $3
    i32.const 1
    i32.add
    local.set $3
    br $while-continue|0
   end
  end
  local.get $3
 )
 (func $assembly/number/scratchFor (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  local.get $0
  i32.load8_u offset=1
  i32.const 3
  i32.eq
  local.tee $2
  if (result i32)
   local.get $2
   if (result i32)
    local.get $0
    i32.load offset=12
    i32.const 1
    i32.add
   else
    i32.const 64
   end
   call $assembly/malloc/opa_malloc
  else
   local.get $1
  end
 )
 (func $assembly/access/opa_value_shallow_copy (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  block $break|0
   block $case1|0
    block $case0|0
     local.get $0
     i32.load8_u
     i32.const 5
     i32.sub
     br_table $case0|0 $case1|0 $case1|0 $break|0
    end
    local.get $0
    i32.load offset=4
    local.tee $2
    call $assembly/value/opa_array_with_cap
    local.set $3
    loop $for-loop|1
     local.get $1
     local.get $2
     i32.lt_u
     if
      local.get $3
      local.get $0
      i32.load offset=12
      local.get $1
      i32.const 2
      i32.shl
      i32.add
      i32.load
      call $assembly/array/opa_array_append
      local.get $1
      i32.const 1
      i32.add
      local.set $1
      br $for-loop|1
     end
    end
    local.get $3
    return
   end
   local.get $0
   i32.load offset=4
   local.set $3
   local.get $0
   i32.load8_u
   i32.const 7
   i32.eq
   if (result i32)
    i32.const 7
    local.get $3
    call $assembly/table/tableNew
   else
    i32.const 6
    local.get $3
    call $assembly/table/tableNew
   end
   local.set $2
   loop $for-loop|2
    local.get $1
    local.get $3
    i32.lt_u
    if
     local.get $2
     local.get $0
     i32.load offset=16
     local.get $1
     i32.const 2
     i32.shl
     i32.add
     i32.load
     local.tee $4
     i32.load
     local.get $4
     i32.load offset=4
     call $assembly/table/tableInsert
     local.get $1
     i32.const 1
     i32.add
     local.set $1
     br $for-loop|2
    end
   end
   local.get $2
   return
  end
  local.get $0
 )
 (func $assembly/abort/writeDecimal (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  local.get $1
  i32.const 0
  i32.lt_s
  if
   local.get $0
   i32.const 45
   i32.store8
   local.get $0
   i32.const 1
   i32.add
   i32.const 0
   local.get $1
   i32.sub
   call $assembly/abort/writeDecimal
   return
  end
  i32.const 1
  local.set $3
  local.get $1
  local.set $2
  loop $for-loop|0
   local.get $2
   i32.const 10
   i32.ge_s
   if
    local.get $3
    i32.const 1
    i32.add
    local.set $3
    local.get $2
    i32.const 10
    i32.div_s
    local.set $2
    br $for-loop|0
   end
  end
  local.get $3
  i32.const 1
  i32.sub
  local.set $2
  loop $for-loop|1
   local.get $2
   i32.const 0
   i32.ge_s
   if
    local.get $0
    local.get $2
    i32.add
    local.get $1
    i32.const 10
    i32.rem_s
    i32.const 48
    i32.add
    i32.store8
    local.get $2
    i32.const 1
    i32.sub
    local.set $2
    local.get $1
    i32.const 10
    i32.div_s
    local.set $1
    br $for-loop|1
   end
  end
  local.get $0
  local.get $3
  i32.add
 )
 (func $~lib/staticarray/StaticArray<f64>#__get (param $0 i32) (result f64)
  local.get $0
  i32.const 4188
  i32.load
  i32.const 3
  i32.shr_u
  i32.ge_u
  if
   i32.const 4592
   call $assembly/abort/cstring
   call $assembly/env/opa_abort
   unreachable
  end
  local.get $0
  i32.const 3
  i32.shl
  i32.const 4192
  i32.add
  f64.load
 )
 (func $assembly/utf8/encodeUtf8 (param $0 i32) (param $1 i32) (result i32)
  local.get $1
  i32.const 128
  i32.lt_u
  if
   local.get $0
   local.get $1
   i32.store8
   local.get $0
   i32.const 1
   i32.add
   return
  end
  local.get $1
  i32.const 2048
  i32.lt_u
  if
   local.get $0
   local.get $1
   i32.const 6
   i32.shr_u
   i32.const 192
   i32.or
   i32.store8
   local.get $0
   local.get $1
   i32.const 63
   i32.and
   i32.const 128
   i32.or
   i32.store8 offset=1
   local.get $0
   i32.const 2
   i32.add
   return
  end
  local.get $1
  i32.const 65536
  i32.lt_u
  if
   local.get $0
   local.get $1
   i32.const 12
   i32.shr_u
   i32.const 224
   i32.or
   i32.store8
   local.get $0
   local.get $1
   i32.const 6
   i32.shr_u
   i32.const 63
   i32.and
   i32.const 128
   i32.or
   i32.store8 offset=1
   local.get $0
   local.get $1
   i32.const 63
   i32.and
   i32.const 128
   i32.or
   i32.store8 offset=2
   local.get $0
   i32.const 3
   i32.add
   return
  end
  local.get $0
  local.get $1
  i32.const 18
  i32.shr_u
  i32.const 240
  i32.or
  i32.store8
  local.get $0
  local.get $1
  i32.const 12
  i32.shr_u
  i32.const 63
  i32.and
  i32.const 128
  i32.or
  i32.store8 offset=1
  local.get $0
  local.get $1
  i32.const 6
  i32.shr_u
  i32.const 63
  i32.and
  i32.const 128
  i32.or
  i32.store8 offset=2
  local.get $0
  local.get $1
  i32.const 63
  i32.and
  i32.const 128
  i32.or
  i32.store8 offset=3
  local.get $0
  i32.const 4
  i32.add
 )
 (func $assembly/sort/sortAddresses (param $0 i32) (param $1 i32) (param $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i32)
  local.get $1
  i32.const 2
  i32.lt_u
  if
   return
  end
  local.get $0
  local.set $3
  local.get $1
  i32.const 2
  i32.shl
  call $assembly/malloc/opa_malloc
  local.tee $12
  local.set $5
  i32.const 1
  local.set $13
  loop $for-loop|0
   local.get $1
   local.get $13
   i32.gt_u
   if
    i32.const 0
    local.set $6
    loop $for-loop|1
     local.get $1
     local.get $6
     i32.gt_u
     if
      local.get $6
      local.get $13
      i32.const 1
      i32.shl
      i32.add
      local.tee $4
      local.get $1
      local.get $1
      local.get $4
      i32.gt_u
      select
      local.set $11
      local.get $13
      local.get $6
      local.tee $4
      i32.add
      local.tee $7
      local.get $1
      local.get $1
      local.get $7
      i32.gt_u
      select
      local.tee $10
      local.set $14
      local.get $4
      local.set $7
      loop $while-continue|2
       local.get $4
       local.get $10
       i32.lt_u
       local.get $11
       local.get $14
       i32.gt_u
       i32.and
       if
        local.get $3
        local.get $14
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $9
        local.get $3
        local.get $4
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $8
        local.get $5
        local.get $7
        i32.const 2
        i32.shl
        i32.add
        local.get $3
        local.get $14
        local.get $4
        local.get $2
        if (result i32)
         local.get $9
         i32.load
        else
         local.get $9
        end
        local.get $2
        if (result i32)
         local.get $8
         i32.load
        else
         local.get $8
        end
        call $assembly/compare/opa_value_compare
        i32.const 0
        i32.lt_s
        local.tee $8
        select
        i32.const 2
        i32.shl
        i32.add
        i32.load
        i32.store
        local.get $8
        if
         local.get $14
         i32.const 1
         i32.add
         local.set $14
        else
         local.get $4
         i32.const 1
         i32.add
         local.set $4
        end
        local.get $7
        i32.const 1
        i32.add
        local.set $7
        br $while-continue|2
       end
      end
      loop $for-loop|3
       local.get $4
       local.get $10
       i32.lt_u
       if
        local.get $5
        local.get $7
        i32.const 2
        i32.shl
        i32.add
        local.get $3
        local.get $4
        i32.const 2
        i32.shl
        i32.add
        i32.load
        i32.store
        local.get $4
        i32.const 1
        i32.add
        local.set $4
        local.get $7
        i32.const 1
        i32.add
        local.set $7
        br $for-loop|3
       end
      end
      loop $for-loop|4
       local.get $11
       local.get $14
       i32.gt_u
       if
        local.get $5
        local.get $7
        i32.const 2
        i32.shl
        i32.add
        local.get $3
        local.get $14
        i32.const 2
        i32.shl
        i32.add
        i32.load
        i32.store
        local.get $14
        i32.const 1
        i32.add
        local.set $14
        local.get $7
        i32.const 1
        i32.add
        local.set $7
        br $for-loop|4
       end
      end
      local.get $6
      local.get $13
      i32.const 1
      i32.shl
      i32.add
      local.set $6
      br $for-loop|1
     end
    end
    local.get $3
    local.get $5
    local.set $3
    local.set $5
    local.get $13
    i32.const 1
    i32.shl
    local.set $13
    br $for-loop|0
   end
  end
  local.get $0
  local.get $3
  i32.ne
  if
   local.get $0
   local.get $3
   local.get $1
   i32.const 2
   i32.shl
   memory.copy
  end
  block $__inlined_func$assembly/malloc/opa_free$56
   local.get $12
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$56
   global.get $assembly/malloc/heapPtr
   local.get $12
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $0
   local.get $12
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$56
   end
   local.get $12
   local.get $0
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $0
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $0
   i32.load
   i32.store
   local.get $0
   local.get $12
   i32.store
  end
 )
 (func $assembly/paths/upsertFrom (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (result i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  local.get $2
  local.get $1
  i32.load offset=4
  i32.ge_u
  if
   local.get $3
   return
  end
  local.get $1
  i32.load offset=12
  local.get $2
  i32.const 2
  i32.shl
  i32.add
  i32.load
  local.set $5
  local.get $0
  i32.const 0
  i32.ne
  local.tee $4
  if
   local.get $0
   i32.load8_u
   i32.const 6
   i32.eq
   local.set $4
  end
  local.get $4
  if (result i32)
   local.get $0
   call $assembly/access/opa_value_shallow_copy
  else
   i32.const 6
   i32.const 0
   call $assembly/table/tableNew
  end
  local.tee $6
  local.get $5
  local.get $4
  if (result i32)
   local.get $0
   local.get $5
   call $assembly/access/opa_value_get
  else
   i32.const 0
  end
  local.get $1
  local.get $2
  i32.const 1
  i32.add
  local.get $3
  call $assembly/paths/upsertFrom
  call $assembly/table/tableInsert
  local.get $6
 )
 (func $assembly/paths/opa_value_merge (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  local.get $0
  i32.eqz
  if
   local.get $1
   return
  end
  local.get $1
  if (result i32)
   local.get $0
   i32.load8_u
   i32.const 6
   i32.ne
  else
   i32.const 1
  end
  if (result i32)
   i32.const 1
  else
   local.get $1
   i32.load8_u
   i32.const 6
   i32.ne
  end
  if
   local.get $0
   return
  end
  i32.const 6
  i32.const 0
  call $assembly/table/tableNew
  local.set $3
  local.get $0
  i32.load offset=4
  local.set $5
  loop $for-loop|0
   local.get $2
   local.get $5
   i32.lt_u
   if
    local.get $1
    local.get $0
    i32.load offset=16
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.tee $6
    i32.load
    local.tee $7
    call $assembly/access/opa_value_get
    local.set $4
    local.get $6
    i32.load offset=4
    local.set $6
    local.get $3
    local.get $7
    local.get $4
    if (result i32)
     local.get $6
     local.get $4
     call $assembly/paths/opa_value_merge
    else
     local.get $6
    end
    call $assembly/table/tableInsert
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|0
   end
  end
  local.get $1
  i32.load offset=4
  local.set $4
  i32.const 0
  local.set $2
  loop $for-loop|1
   local.get $2
   local.get $4
   i32.lt_u
   if
    local.get $0
    local.get $1
    i32.load offset=16
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.tee $5
    i32.load
    local.tee $6
    call $assembly/access/opa_value_get
    i32.eqz
    if
     local.get $3
     local.get $6
     local.get $5
     i32.load offset=4
     call $assembly/table/tableInsert
    end
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|1
   end
  end
  local.get $3
 )
 (func $assembly/malloc/ensureMemory (param $0 i32)
  (local $1 i32)
  memory.size
  i32.const 16
  i32.shl
  local.tee $1
  local.get $0
  i32.ge_u
  if
   return
  end
  i32.const 16
  local.get $0
  local.get $1
  i32.sub
  i32.const 65535
  i32.add
  i32.const 16
  i32.shr_u
  local.tee $0
  local.get $0
  i32.const 16
  i32.lt_u
  select
  memory.grow
  i32.const 0
  i32.lt_s
  if (result i32)
   local.get $0
   memory.grow
   i32.const 0
   i32.lt_s
  else
   i32.const 0
  end
  if
   i32.const 4464
   call $assembly/abort/cstring
   call $assembly/env/opa_abort
   unreachable
  end
 )
 (func $assembly/json-parse/parseDocument (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  local.get $0
  global.set $assembly/json-parse/pos
  local.get $0
  local.get $1
  i32.add
  global.set $assembly/json-parse/end
  i32.const 0
  global.set $assembly/json-parse/failed
  local.get $2
  i32.const 0
  i32.ne
  global.set $assembly/json-parse/regoTerms
  call $assembly/json-parse/parseValue
  global.get $assembly/json-parse/failed
  if
   i32.const 0
   return
  end
  loop $while-continue|0
   global.get $assembly/json-parse/pos
   global.get $assembly/json-parse/end
   i32.lt_u
   if
    global.get $assembly/json-parse/pos
    i32.load8_u
    local.tee $1
    i32.const 10
    i32.ne
    local.get $1
    i32.const 32
    i32.ne
    i32.and
    local.get $1
    i32.const 13
    i32.ne
    i32.and
    local.get $1
    i32.const 9
    i32.ne
    i32.and
    i32.eqz
    if
     global.get $assembly/json-parse/pos
     i32.const 1
     i32.add
     global.set $assembly/json-parse/pos
     br $while-continue|0
    end
   end
  end
  i32.const 0
  global.get $assembly/json-parse/pos
  global.get $assembly/json-parse/end
  i32.eq
  select
 )
 (func $assembly/json-dump/putEscaped (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  i32.const 1
  call $assembly/json-dump/reserve
  global.get $assembly/json-dump/buf
  global.get $assembly/json-dump/len
  i32.add
  i32.const 34
  i32.store8
  global.get $assembly/json-dump/len
  i32.const 1
  i32.add
  global.set $assembly/json-dump/len
  loop $for-loop|0
   local.get $1
   local.get $2
   i32.gt_u
   if
    local.get $0
    local.get $2
    i32.add
    i32.load8_u
    local.tee $3
    i32.const 92
    i32.eq
    local.get $3
    i32.const 34
    i32.eq
    i32.or
    if
     i32.const 1
     call $assembly/json-dump/reserve
     global.get $assembly/json-dump/buf
     global.get $assembly/json-dump/len
     i32.add
     i32.const 92
     i32.store8
     global.get $assembly/json-dump/len
     i32.const 1
     i32.add
     global.set $assembly/json-dump/len
     i32.const 1
     call $assembly/json-dump/reserve
     global.get $assembly/json-dump/buf
     global.get $assembly/json-dump/len
     i32.add
     local.get $3
     i32.store8
    else
     local.get $3
     i32.const 32
     i32.lt_u
     if
      i32.const 1
      call $assembly/json-dump/reserve
      global.get $assembly/json-dump/buf
      global.get $assembly/json-dump/len
      i32.add
      i32.const 92
      i32.store8
      global.get $assembly/json-dump/len
      i32.const 1
      i32.add
      global.set $assembly/json-dump/len
      local.get $3
      i32.const 10
      i32.eq
      if
       i32.const 1
       call $assembly/json-dump/reserve
       global.get $assembly/json-dump/buf
       global.get $assembly/json-dump/len
       i32.add
       i32.const 110
       i32.store8
      else
       local.get $3
       i32.const 13
       i32.eq
       if
        i32.const 1
        call $assembly/json-dump/reserve
        global.get $assembly/json-dump/buf
        global.get $assembly/json-dump/len
        i32.add
        i32.const 114
        i32.store8
       else
        local.get $3
        i32.const 9
        i32.eq
        if
         i32.const 1
         call $assembly/json-dump/reserve
         global.get $assembly/json-dump/buf
         global.get $assembly/json-dump/len
         i32.add
         i32.const 116
         i32.store8
        else
         local.get $3
         i32.const 8
         i32.eq
         if
          i32.const 1
          call $assembly/json-dump/reserve
          global.get $assembly/json-dump/buf
          global.get $assembly/json-dump/len
          i32.add
          i32.const 98
          i32.store8
         else
          local.get $3
          i32.const 12
          i32.eq
          if
           i32.const 1
           call $assembly/json-dump/reserve
           global.get $assembly/json-dump/buf
           global.get $assembly/json-dump/len
           i32.add
           i32.const 102
           i32.store8
          else
           i32.const 11120
           call $assembly/json-dump/putAscii
           local.get $3
           i32.const 4
           i32.shr_u
           local.tee $4
           i32.const 4396
           i32.load
           i32.const 1
           i32.shr_u
           i32.ge_u
           if (result i32)
            i32.const -1
           else
            local.get $4
            i32.const 1
            i32.shl
            i32.const 4400
            i32.add
            i32.load16_u
           end
           local.set $4
           i32.const 1
           call $assembly/json-dump/reserve
           global.get $assembly/json-dump/buf
           global.get $assembly/json-dump/len
           i32.add
           local.get $4
           i32.store8
           global.get $assembly/json-dump/len
           i32.const 1
           i32.add
           global.set $assembly/json-dump/len
           local.get $3
           i32.const 15
           i32.and
           local.tee $3
           i32.const 4396
           i32.load
           i32.const 1
           i32.shr_u
           i32.ge_u
           if (result i32)
            i32.const -1
           else
            local.get $3
            i32.const 1
            i32.shl
            i32.const 4400
            i32.add
            i32.load16_u
           end
           local.set $3
           i32.const 1
           call $assembly/json-dump/reserve
           global.get $assembly/json-dump/buf
           global.get $assembly/json-dump/len
           i32.add
           local.get $3
           i32.store8
          end
         end
        end
       end
      end
     else
      i32.const 1
      call $assembly/json-dump/reserve
      global.get $assembly/json-dump/buf
      global.get $assembly/json-dump/len
      i32.add
      local.get $3
      i32.store8
     end
    end
    global.get $assembly/json-dump/len
    i32.const 1
    i32.add
    global.set $assembly/json-dump/len
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|0
   end
  end
  i32.const 1
  call $assembly/json-dump/reserve
  global.get $assembly/json-dump/buf
  global.get $assembly/json-dump/len
  i32.add
  i32.const 34
  i32.store8
  global.get $assembly/json-dump/len
  i32.const 1
  i32.add
  global.set $assembly/json-dump/len
 )
 (func $assembly/json-dump/dump (param $0 i32) (param $1 i32) (result i32)
  i32.const 0
  global.set $assembly/json-dump/buf
  i32.const 0
  global.set $assembly/json-dump/len
  i32.const 0
  global.set $assembly/json-dump/cap
  local.get $0
  local.get $1
  call $assembly/json-dump/putValue
  i32.const 1
  call $assembly/json-dump/reserve
  global.get $assembly/json-dump/buf
  global.get $assembly/json-dump/len
  i32.add
  i32.const 0
  i32.store8
  global.get $assembly/json-dump/len
  i32.const 1
  i32.add
  global.set $assembly/json-dump/len
  global.get $assembly/json-dump/buf
  i32.const 0
  global.set $assembly/json-dump/buf
 )
 (func $assembly/float-format/shortestDigits (param $0 f64) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i64)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i64)
  (local $14 i32)
  (local $15 i32)
  local.get $0
  i64.reinterpret_f64
  local.tee $6
  i64.const 52
  i64.shr_u
  i64.const 2047
  i64.and
  i32.wrap_i64
  local.set $2
  local.get $6
  i64.const 4503599627370495
  i64.and
  local.tee $13
  i64.const 4503599627370496
  i64.or
  local.get $13
  local.get $2
  select
  local.tee $6
  local.get $2
  i32.const 1
  local.get $2
  select
  i32.const 1075
  i32.sub
  local.tee $3
  i32.const 1568
  call $assembly/float-format/exactDigits
  local.set $7
  global.get $assembly/float-format/digitsExp
  local.set $4
  local.get $2
  i32.const 1
  i32.gt_u
  local.get $13
  i64.eqz
  local.tee $2
  local.get $2
  select
  if (result i32)
   local.get $6
   i64.const 2
   i64.shl
   i64.const 1
   i64.sub
   local.get $3
   i32.const 2
   i32.sub
   i32.const 2368
   call $assembly/float-format/exactDigits
  else
   local.get $6
   i64.const 1
   i64.shl
   i64.const 1
   i64.sub
   local.get $3
   i32.const 1
   i32.sub
   i32.const 2368
   call $assembly/float-format/exactDigits
  end
  local.set $9
  global.get $assembly/float-format/digitsExp
  local.set $10
  local.get $6
  i64.const 1
  i64.shl
  i64.const 1
  i64.add
  local.get $3
  i32.const 1
  i32.sub
  i32.const 3168
  call $assembly/float-format/exactDigits
  local.set $11
  global.get $assembly/float-format/digitsExp
  local.set $12
  local.get $6
  i64.const 1
  i64.and
  i64.eqz
  local.set $8
  i32.const 1
  local.set $5
  loop $for-loop|0
   local.get $5
   i32.const 17
   i32.le_s
   if
    local.get $4
    local.set $3
    i32.const 3968
    i32.const 1568
    local.get $5
    local.get $7
    local.get $5
    local.get $7
    i32.lt_s
    local.tee $14
    select
    local.tee $2
    memory.copy
    local.get $14
    if
     local.get $5
     i32.const 1568
     i32.add
     i32.load8_u
     local.tee $14
     i32.const 53
     i32.gt_u
     local.set $15
     local.get $14
     i32.const 53
     i32.eq
     if (result i32)
      local.get $5
      i32.const 1
      i32.add
      local.get $7
      i32.lt_s
      if (result i32)
       i32.const 1
      else
       local.get $5
       i32.const 1567
       i32.add
       i32.load8_u
       i32.const 1
       i32.and
      end
     else
      local.get $15
     end
     if
      local.get $2
      i32.const 1
      i32.sub
      local.set $2
      loop $while-continue|1
       local.get $2
       i32.const 0
       i32.ge_s
       if (result i32)
        local.get $2
        i32.const 3968
        i32.add
        i32.load8_u
        i32.const 57
        i32.eq
       else
        i32.const 0
       end
       if
        local.get $2
        i32.const 1
        i32.sub
        local.set $2
        br $while-continue|1
       end
      end
      local.get $2
      i32.const 0
      i32.lt_s
      if (result i32)
       i32.const 3968
       i32.const 49
       i32.store8
       local.get $3
       i32.const 1
       i32.add
       local.set $3
       i32.const 1
      else
       local.get $2
       i32.const 3968
       i32.add
       local.tee $14
       local.get $14
       i32.load8_u
       i32.const 1
       i32.add
       i32.store8
       local.get $2
       i32.const 1
       i32.add
      end
      local.set $2
     end
     loop $while-continue|2
      local.get $2
      i32.const 0
      i32.gt_s
      if (result i32)
       local.get $2
       i32.const 3967
       i32.add
       i32.load8_u
       i32.const 48
       i32.eq
      else
       i32.const 0
      end
      if
       local.get $2
       i32.const 1
       i32.sub
       local.set $2
       br $while-continue|2
      end
     end
    end
    local.get $2
    local.get $3
    local.get $11
    local.get $12
    i32.const 3168
    call $assembly/float-format/compareMagnitudes
    local.set $14
    local.get $2
    local.get $3
    local.get $9
    local.get $10
    i32.const 2368
    call $assembly/float-format/compareMagnitudes
    local.tee $15
    i32.eqz
    local.get $8
    i32.and
    local.get $15
    i32.const 0
    i32.gt_s
    i32.or
    if (result i32)
     local.get $14
     i32.eqz
     local.get $8
     i32.and
     local.get $14
     i32.const 0
     i32.lt_s
     i32.or
    else
     i32.const 0
    end
    if
     local.get $1
     i32.const 3968
     local.get $2
     memory.copy
     local.get $3
     global.set $assembly/float-format/shortestExp
     local.get $2
     return
    end
    local.get $5
    i32.const 1
    i32.add
    local.set $5
    br $for-loop|0
   end
  end
  local.get $1
  i32.const 1568
  i32.const 17
  memory.copy
  local.get $4
  global.set $assembly/float-format/shortestExp
  i32.const 17
 )
 (func $assembly/float-format/compareMagnitudes (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (result i32)
  (local $5 i32)
  (local $6 i32)
  local.get $2
  i32.eqz
  local.get $0
  i32.eqz
  i32.or
  if
   i32.const 1
   i32.const -1
   local.get $0
   select
   i32.const 0
   local.get $0
   local.get $2
   i32.ne
   select
   return
  end
  local.get $1
  local.get $3
  i32.ne
  if
   i32.const -1
   i32.const 1
   local.get $1
   local.get $3
   i32.lt_s
   select
   return
  end
  local.get $0
  local.get $2
  local.get $0
  local.get $2
  i32.lt_s
  select
  local.set $3
  loop $for-loop|0
   local.get $3
   local.get $5
   i32.gt_s
   if
    local.get $5
    i32.const 3968
    i32.add
    i32.load8_u
    local.tee $1
    local.get $4
    local.get $5
    i32.add
    i32.load8_u
    local.tee $6
    i32.ne
    if
     i32.const -1
     i32.const 1
     local.get $1
     local.get $6
     i32.lt_u
     select
     return
    end
    local.get $5
    i32.const 1
    i32.add
    local.set $5
    br $for-loop|0
   end
  end
  i32.const -1
  i32.const 1
  local.get $0
  local.get $2
  i32.lt_s
  select
  i32.const 0
  local.get $0
  local.get $2
  i32.ne
  select
 )
 (func $assembly/builtins/text/hasSuffix (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (result i32)
  (local $4 i32)
  (local $5 i32)
  local.get $1
  local.get $3
  i32.ge_u
  if (result i32)
   local.get $0
   local.get $1
   i32.add
   local.get $3
   i32.sub
   local.set $1
   i32.const 0
   local.set $0
   block $~lib/util/memory/memcmp|inlined.3
    local.get $1
    local.get $2
    i32.eq
    br_if $~lib/util/memory/memcmp|inlined.3
    local.get $1
    i32.const 7
    i32.and
    local.get $2
    i32.const 7
    i32.and
    i32.eq
    if
     loop $while-continue|0
      local.get $1
      i32.const 7
      i32.and
      if
       i32.const 0
       local.set $0
       local.get $3
       i32.eqz
       br_if $~lib/util/memory/memcmp|inlined.3
       local.get $1
       i32.load8_u
       local.tee $4
       local.get $2
       i32.load8_u
       local.tee $5
       i32.sub
       local.set $0
       local.get $4
       local.get $5
       i32.ne
       br_if $~lib/util/memory/memcmp|inlined.3
       local.get $3
       i32.const 1
       i32.sub
       local.set $3
       local.get $1
       i32.const 1
       i32.add
       local.set $1
       local.get $2
       i32.const 1
       i32.add
       local.set $2
       br $while-continue|0
      end
     end
     loop $while-continue|1
      local.get $3
      i32.const 8
      i32.ge_u
      if
       local.get $1
       i64.load
       local.get $2
       i64.load
       i64.eq
       if
        local.get $1
        i32.const 8
        i32.add
        local.set $1
        local.get $2
        i32.const 8
        i32.add
        local.set $2
        local.get $3
        i32.const 8
        i32.sub
        local.set $3
        br $while-continue|1
       end
      end
     end
    end
    loop $while-continue|2
     local.get $3
     local.tee $0
     i32.const 1
     i32.sub
     local.set $3
     local.get $0
     if
      local.get $1
      i32.load8_u
      local.tee $4
      local.get $2
      i32.load8_u
      local.tee $5
      i32.sub
      local.set $0
      local.get $4
      local.get $5
      i32.ne
      br_if $~lib/util/memory/memcmp|inlined.3
      local.get $1
      i32.const 1
      i32.add
      local.set $1
      local.get $2
      i32.const 1
      i32.add
      local.set $2
      br $while-continue|2
     end
    end
    i32.const 0
    local.set $0
   end
   local.get $0
   i32.eqz
  else
   i32.const 0
  end
 )
 (func $assembly/builtins/text/hasPrefix (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (result i32)
  (local $4 i32)
  (local $5 i32)
  local.get $1
  local.get $3
  i32.ge_u
  if (result i32)
   i32.const 0
   local.set $1
   block $~lib/util/memory/memcmp|inlined.4
    local.get $0
    local.get $2
    i32.eq
    br_if $~lib/util/memory/memcmp|inlined.4
    local.get $0
    i32.const 7
    i32.and
    local.get $2
    i32.const 7
    i32.and
    i32.eq
    if
     loop $while-continue|0
      local.get $0
      i32.const 7
      i32.and
      if
       i32.const 0
       local.set $1
       local.get $3
       i32.eqz
       br_if $~lib/util/memory/memcmp|inlined.4
       local.get $0
       i32.load8_u
       local.tee $4
       local.get $2
       i32.load8_u
       local.tee $5
       i32.sub
       local.set $1
       local.get $4
       local.get $5
       i32.ne
       br_if $~lib/util/memory/memcmp|inlined.4
       local.get $3
       i32.const 1
       i32.sub
       local.set $3
       local.get $0
       i32.const 1
       i32.add
       local.set $0
       local.get $2
       i32.const 1
       i32.add
       local.set $2
       br $while-continue|0
      end
     end
     loop $while-continue|1
      local.get $3
      i32.const 8
      i32.ge_u
      if
       local.get $0
       i64.load
       local.get $2
       i64.load
       i64.eq
       if
        local.get $0
        i32.const 8
        i32.add
        local.set $0
        local.get $2
        i32.const 8
        i32.add
        local.set $2
        local.get $3
        i32.const 8
        i32.sub
        local.set $3
        br $while-continue|1
       end
      end
     end
    end
    loop $while-continue|2
     local.get $3
     local.tee $1
     i32.const 1
     i32.sub
     local.set $3
     local.get $1
     if
      local.get $0
      i32.load8_u
      local.tee $4
      local.get $2
      i32.load8_u
      local.tee $5
      i32.sub
      local.set $1
      local.get $4
      local.get $5
      i32.ne
      br_if $~lib/util/memory/memcmp|inlined.4
      local.get $0
      i32.const 1
      i32.add
      local.set $0
      local.get $2
      i32.const 1
      i32.add
      local.set $2
      br $while-continue|2
     end
    end
    i32.const 0
    local.set $1
   end
   local.get $1
   i32.eqz
  else
   i32.const 0
  end
 )
 (func $assembly/builtins/strings/mapCase (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.set $6
  local.get $0
  i32.load offset=4
  local.tee $7
  i32.const 1
  i32.shl
  i32.const 4
  i32.add
  call $assembly/malloc/opa_malloc
  local.tee $8
  local.set $0
  loop $while-continue|0
   local.get $5
   local.get $7
   i32.lt_u
   if
    local.get $5
    local.get $6
    i32.add
    local.tee $3
    local.get $7
    local.get $5
    i32.sub
    call $assembly/utf8/decodeUtf8
    local.set $2
    global.get $assembly/utf8/decodedWidth
    local.tee $9
    i32.const 1
    i32.eq
    local.get $2
    i32.const 65533
    i32.eq
    i32.and
    if (result i32)
     local.get $3
     i32.load8_u
     i32.const 128
     i32.ge_u
    else
     i32.const 0
    end
    if (result i32)
     local.get $0
     local.get $5
     local.get $6
     i32.add
     i32.load8_u
     i32.store8
     local.get $0
     i32.const 1
     i32.add
    else
     local.get $0
     local.get $1
     if
      local.get $2
      i32.const 32
      i32.sub
      local.tee $4
      local.get $2
      local.get $2
      i32.const 122
      i32.le_u
      local.get $2
      i32.const 97
      i32.ge_u
      i32.and
      select
      local.set $0
      block $__inlined_func$assembly/builtins/text/toUpper$325
       local.get $2
       i32.const 128
       i32.lt_u
       br_if $__inlined_func$assembly/builtins/text/toUpper$325
       local.get $4
       local.set $0
       local.get $2
       i32.const 254
       i32.le_u
       local.get $2
       i32.const 224
       i32.ge_u
       i32.and
       local.get $2
       i32.const 247
       i32.ne
       i32.and
       if (result i32)
        i32.const 1
       else
        local.get $2
        i32.const 971
        i32.le_u
        local.get $2
        i32.const 945
        i32.ge_u
        i32.and
        local.get $2
        i32.const 962
        i32.ne
        i32.and
       end
       br_if $__inlined_func$assembly/builtins/text/toUpper$325
       i32.const 376
       local.set $0
       local.get $2
       i32.const 255
       i32.eq
       br_if $__inlined_func$assembly/builtins/text/toUpper$325
       i32.const 931
       local.set $0
       local.get $2
       i32.const 962
       i32.eq
       br_if $__inlined_func$assembly/builtins/text/toUpper$325
       local.get $2
       i32.const 32
       i32.sub
       local.set $0
       local.get $2
       i32.const 1103
       i32.le_u
       local.get $2
       i32.const 1072
       i32.ge_u
       i32.and
       br_if $__inlined_func$assembly/builtins/text/toUpper$325
       local.get $2
       i32.const 80
       i32.sub
       local.set $0
       local.get $2
       i32.const 1119
       i32.le_u
       local.get $2
       i32.const 1104
       i32.ge_u
       i32.and
       br_if $__inlined_func$assembly/builtins/text/toUpper$325
       local.get $2
       i32.const 383
       i32.le_u
       local.get $2
       i32.const 256
       i32.ge_u
       i32.and
       local.get $2
       i32.const 304
       i32.ne
       i32.and
       local.get $2
       i32.const 305
       i32.ne
       i32.and
       local.get $2
       i32.const 312
       i32.ne
       i32.and
       local.get $2
       i32.const 329
       i32.ne
       i32.and
       local.get $2
       i32.const 376
       i32.ne
       i32.and
       if
        i32.const 83
        local.set $0
        local.get $2
        i32.const 383
        i32.eq
        br_if $__inlined_func$assembly/builtins/text/toUpper$325
        local.get $2
        local.get $2
        i32.const 1
        i32.sub
        local.get $2
        i32.const 1
        i32.and
        select
        local.set $0
        local.get $2
        i32.const 313
        i32.ge_u
        local.tee $4
        if
         local.get $2
         i32.const 328
         i32.le_u
         local.set $4
        end
        local.get $4
        if (result i32)
         local.get $4
        else
         local.get $2
         i32.const 382
         i32.le_u
         local.get $2
         i32.const 377
         i32.ge_u
         i32.and
        end
        br_if $__inlined_func$assembly/builtins/text/toUpper$325
        local.get $2
        i32.const 1
        i32.sub
        local.get $2
        local.get $2
        i32.const 1
        i32.and
        select
        local.set $0
        br $__inlined_func$assembly/builtins/text/toUpper$325
       end
       i32.const 73
       local.set $0
       local.get $2
       i32.const 305
       i32.eq
       br_if $__inlined_func$assembly/builtins/text/toUpper$325
       local.get $2
       local.set $0
      end
     else
      local.get $2
      i32.const 32
      i32.add
      local.tee $4
      local.get $2
      local.get $2
      i32.const 90
      i32.le_u
      local.get $2
      i32.const 65
      i32.ge_u
      i32.and
      select
      local.set $0
      block $__inlined_func$assembly/builtins/text/toLower$326
       local.get $2
       i32.const 128
       i32.lt_u
       br_if $__inlined_func$assembly/builtins/text/toLower$326
       local.get $4
       local.set $0
       local.get $2
       i32.const 222
       i32.le_u
       local.get $2
       i32.const 192
       i32.ge_u
       i32.and
       local.get $2
       i32.const 215
       i32.ne
       i32.and
       if (result i32)
        i32.const 1
       else
        local.get $2
        i32.const 939
        i32.le_u
        local.get $2
        i32.const 913
        i32.ge_u
        i32.and
        local.get $2
        i32.const 930
        i32.ne
        i32.and
       end
       br_if $__inlined_func$assembly/builtins/text/toLower$326
       local.get $2
       i32.const 32
       i32.add
       local.set $0
       local.get $2
       i32.const 1071
       i32.le_u
       local.get $2
       i32.const 1040
       i32.ge_u
       i32.and
       br_if $__inlined_func$assembly/builtins/text/toLower$326
       local.get $2
       i32.const 80
       i32.add
       local.set $0
       local.get $2
       i32.const 1039
       i32.le_u
       local.get $2
       i32.const 1024
       i32.ge_u
       i32.and
       br_if $__inlined_func$assembly/builtins/text/toLower$326
       local.get $2
       i32.const 383
       i32.le_u
       local.get $2
       i32.const 256
       i32.ge_u
       i32.and
       local.get $2
       i32.const 304
       i32.ne
       i32.and
       local.get $2
       i32.const 305
       i32.ne
       i32.and
       local.get $2
       i32.const 312
       i32.ne
       i32.and
       local.get $2
       i32.const 329
       i32.ne
       i32.and
       local.get $2
       i32.const 383
       i32.ne
       i32.and
       if
        local.get $2
        i32.const 1
        i32.add
        local.get $2
        local.get $2
        i32.const 1
        i32.and
        select
        local.set $0
        local.get $2
        i32.const 313
        i32.ge_u
        local.tee $4
        if
         local.get $2
         i32.const 328
         i32.le_u
         local.set $4
        end
        local.get $4
        if (result i32)
         local.get $4
        else
         local.get $2
         i32.const 382
         i32.le_u
         local.get $2
         i32.const 377
         i32.ge_u
         i32.and
        end
        br_if $__inlined_func$assembly/builtins/text/toLower$326
        i32.const 255
        local.set $0
        local.get $2
        i32.const 376
        i32.eq
        br_if $__inlined_func$assembly/builtins/text/toLower$326
        local.get $2
        local.get $2
        i32.const 1
        i32.add
        local.get $2
        i32.const 1
        i32.and
        select
        local.set $0
        br $__inlined_func$assembly/builtins/text/toLower$326
       end
       local.get $2
       local.set $0
      end
     end
     local.get $0
     call $assembly/utf8/encodeUtf8
    end
    local.set $0
    local.get $5
    local.get $9
    i32.add
    local.set $5
    br $while-continue|0
   end
  end
  local.get $8
  local.get $0
  local.get $8
  i32.sub
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/strings/inCutset (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  local.get $1
  i32.load offset=8
  local.set $3
  local.get $1
  i32.load offset=4
  local.set $1
  loop $while-continue|0
   local.get $1
   local.get $2
   i32.gt_u
   if
    local.get $2
    local.get $3
    i32.add
    local.get $1
    local.get $2
    i32.sub
    call $assembly/utf8/decodeUtf8
    local.get $0
    i32.eq
    if
     i32.const 1
     return
    end
    local.get $2
    global.get $assembly/utf8/decodedWidth
    i32.add
    local.set $2
    br $while-continue|0
   end
  end
  i32.const 0
 )
 (func $assembly/builtins/strings/byteOffsetOf (param $0 i32) (param $1 i32) (param $2 i64) (result i32)
  (local $3 i32)
  (local $4 i64)
  loop $for-loop|0
   local.get $1
   local.get $3
   i32.gt_u
   local.get $2
   local.get $4
   i64.gt_s
   i32.and
   if
    local.get $0
    local.get $3
    i32.add
    local.get $1
    local.get $3
    i32.sub
    call $assembly/utf8/decodeUtf8
    drop
    local.get $3
    global.get $assembly/utf8/decodedWidth
    i32.add
    local.set $3
    local.get $4
    i64.const 1
    i64.add
    local.set $4
    br $for-loop|0
   end
  end
  local.get $3
 )
 (func $assembly/builtins/sets/intersect (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  i32.const 7
  i32.const 0
  call $assembly/table/tableNew
  local.set $3
  local.get $0
  i32.load offset=4
  local.set $4
  loop $for-loop|0
   local.get $2
   local.get $4
   i32.lt_u
   if
    local.get $1
    local.get $0
    i32.load offset=16
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.load
    local.tee $5
    call $assembly/table/tableFind
    if
     local.get $3
     local.get $5
     i32.const 0
     call $assembly/table/tableInsert
    end
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|0
   end
  end
  local.get $3
 )
 (func $assembly/builtins/objects/unionObjects (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  i32.const 6
  i32.const 0
  call $assembly/table/tableNew
  local.set $3
  local.get $0
  i32.load offset=4
  local.set $4
  loop $for-loop|0
   local.get $2
   local.get $4
   i32.lt_u
   if
    local.get $3
    local.get $0
    i32.load offset=16
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.tee $5
    i32.load
    local.get $5
    i32.load offset=4
    call $assembly/table/tableInsert
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|0
   end
  end
  local.get $1
  i32.load offset=4
  local.set $5
  i32.const 0
  local.set $2
  loop $for-loop|1
   local.get $2
   local.get $5
   i32.lt_u
   if
    local.get $1
    i32.load offset=16
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.tee $6
    i32.load
    local.set $4
    local.get $6
    i32.load offset=4
    local.set $6
    local.get $0
    local.get $4
    call $assembly/table/tableFind
    local.tee $7
    if (result i32)
     local.get $7
     i32.load offset=4
    else
     i32.const 0
    end
    local.tee $7
    if (result i32)
     local.get $7
     i32.load8_u
     i32.const 6
     i32.eq
    else
     i32.const 0
    end
    if (result i32)
     local.get $6
     i32.load8_u
     i32.const 6
     i32.eq
    else
     i32.const 0
    end
    if
     local.get $3
     local.get $4
     local.get $7
     local.get $6
     call $assembly/builtins/objects/unionObjects
     call $assembly/table/tableInsert
    else
     local.get $3
     local.get $4
     local.get $6
     call $assembly/table/tableInsert
    end
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|1
   end
  end
  local.get $3
 )
 (func $assembly/builtins/aggregates/fold (param $0 i32) (param $1 i32) (result i32)
  (local $2 i64)
  (local $3 f64)
  (local $4 i64)
  (local $5 i32)
  (local $6 i64)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 f64)
  local.get $0
  i32.load8_u
  local.tee $5
  i32.const 7
  i32.eq
  local.get $5
  i32.const 5
  i32.eq
  i32.or
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load8_u
  drop
  local.get $0
  i32.load offset=4
  local.set $9
  i32.const 1
  local.set $5
  local.get $1
  i32.const 0
  i32.ne
  i64.extend_i32_u
  local.set $2
  f64.const 1
  f64.const 0
  local.get $1
  select
  local.set $3
  loop $for-loop|0
   local.get $7
   local.get $9
   i32.lt_u
   if
    local.get $0
    i32.load8_u
    i32.const 5
    i32.eq
    if (result i32)
     local.get $0
     i32.load offset=12
     local.get $7
     i32.const 2
     i32.shl
     i32.add
    else
     local.get $0
     i32.load offset=16
     local.get $7
     i32.const 2
     i32.shl
     i32.add
     i32.load
    end
    i32.load
    local.tee $8
    i32.load8_u
    i32.const 3
    i32.ne
    if
     i32.const 0
     return
    end
    block $for-continue|0 (result f64)
     local.get $5
     if (result i32)
      local.get $8
      call $assembly/number/numberTryInt
     else
      i32.const 0
     end
     if
      global.get $assembly/number/tryIntResult
      local.set $6
      local.get $1
      if
       local.get $2
       local.get $6
       i64.mul
       local.set $4
       local.get $6
       i64.const -1
       i64.eq
       if (result i32)
        local.get $2
        i64.const -9223372036854775808
        i64.eq
       else
        local.get $6
        i64.const 0
        i64.ne
        if (result i32)
         local.get $4
         local.get $6
         i64.div_s
         local.get $2
         i64.ne
        else
         i32.const 0
        end
       end
       if
        i32.const 0
        local.set $5
       else
        local.get $4
        local.set $2
       end
      else
       local.get $2
       local.get $6
       i64.add
       local.tee $4
       local.get $2
       i64.xor
       local.get $4
       local.get $6
       i64.xor
       i64.and
       i64.const 0
       i64.lt_s
       if
        i32.const 0
        local.set $5
       else
        local.get $4
        local.set $2
       end
      end
      local.get $5
      if (result f64)
       local.get $3
      else
       local.get $2
       f64.convert_i64_s
       local.tee $3
       local.get $6
       f64.convert_i64_s
       local.tee $10
       f64.mul
       local.get $3
       local.get $10
       f64.add
       local.get $1
       select
      end
      br $for-continue|0
     end
     local.get $5
     if
      i32.const 0
      local.set $5
      local.get $2
      f64.convert_i64_s
      local.set $3
     end
     local.get $1
     if (result f64)
      local.get $3
      local.get $8
      call $assembly/number/numberToF64
      f64.mul
     else
      local.get $3
      local.get $8
      call $assembly/number/numberToF64
      f64.add
     end
    end
    local.set $3
    local.get $7
    i32.const 1
    i32.add
    local.set $7
    br $for-loop|0
   end
  end
  local.get $5
  if (result i32)
   local.get $2
   call $assembly/value/opa_number_int
  else
   local.get $3
   local.get $3
   f64.sub
   f64.const 0
   f64.ne
   if (result i32)
    i32.const 0
   else
    local.get $3
    call $assembly/value/opa_number_float
   end
  end
 )
 (func $assembly/builtins/aggregates/extreme (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  local.get $0
  i32.load8_u
  local.tee $2
  i32.const 7
  i32.eq
  local.get $2
  i32.const 5
  i32.eq
  i32.or
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load8_u
  drop
  local.get $0
  i32.load offset=4
  local.tee $4
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load8_u
  i32.const 7
  i32.eq
  if
   local.get $0
   call $assembly/table/tableEnsureSorted
   local.get $4
   i32.const 1
   i32.sub
   i32.const 0
   local.get $1
   i32.const 0
   i32.gt_s
   select
   local.set $1
   local.get $0
   i32.load8_u
   i32.const 5
   i32.eq
   if (result i32)
    local.get $0
    i32.load offset=12
    local.get $1
    i32.const 2
    i32.shl
    i32.add
   else
    local.get $0
    i32.load offset=16
    local.get $1
    i32.const 2
    i32.shl
    i32.add
    i32.load
   end
   i32.load
   return
  end
  local.get $0
  i32.load offset=12
  i32.load
  local.set $2
  i32.const 1
  local.set $5
  loop $for-loop|0
   local.get $4
   local.get $5
   i32.gt_u
   if
    local.get $0
    i32.load offset=12
    local.get $5
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.tee $3
    local.get $2
    call $assembly/compare/opa_value_compare
    local.get $1
    i32.mul
    i32.const 0
    i32.gt_s
    if
     local.get $3
     local.set $2
    end
    local.get $5
    i32.const 1
    i32.add
    local.set $5
    br $for-loop|0
   end
  end
  local.get $2
 )
 (func $assembly/bigint/subMagnitude (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (result i32)
  (local $6 i32)
  (local $7 i32)
  local.get $5
  i32.const 1
  i32.sub
  local.set $5
  local.get $1
  i32.const 1
  i32.sub
  local.set $1
  local.get $3
  i32.const 1
  i32.sub
  local.set $3
  loop $for-loop|0
   local.get $1
   i32.const 0
   i32.ge_s
   if
    local.get $4
    local.get $5
    i32.add
    local.get $0
    local.get $1
    i32.add
    i32.load8_u
    i32.const 48
    i32.sub
    local.get $3
    i32.const 0
    i32.ge_s
    if (result i32)
     local.get $2
     local.get $3
     i32.add
     i32.load8_u
     i32.const 48
     i32.sub
    else
     i32.const 0
    end
    i32.sub
    local.get $7
    i32.sub
    local.tee $6
    i32.const 0
    i32.lt_s
    local.tee $7
    if (result i32)
     local.get $6
     i32.const 10
     i32.add
    else
     local.get $6
    end
    i32.const 48
    i32.add
    i32.store8
    local.get $1
    i32.const 1
    i32.sub
    local.set $1
    local.get $3
    i32.const 1
    i32.sub
    local.set $3
    local.get $5
    i32.const 1
    i32.sub
    local.set $5
    br $for-loop|0
   end
  end
  local.get $4
  local.get $5
  i32.const 1
  i32.add
  i32.add
 )
 (func $assembly/bigint/numberFromDigits (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  (local $4 i64)
  loop $while-continue|0
   local.get $2
   i32.const 1
   i32.gt_s
   if (result i32)
    local.get $1
    i32.load8_u
    i32.const 48
    i32.eq
   else
    i32.const 0
   end
   if
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    local.get $2
    i32.const 1
    i32.sub
    local.set $2
    br $while-continue|0
   end
  end
  local.get $2
  i32.const 18
  i32.le_s
  if
   loop $for-loop|1
    local.get $2
    local.get $3
    i32.gt_s
    if
     local.get $1
     local.get $3
     i32.add
     i64.load8_u
     i64.const 48
     i64.sub
     local.get $4
     i64.const 10
     i64.mul
     i64.add
     local.set $4
     local.get $3
     i32.const 1
     i32.add
     local.set $3
     br $for-loop|1
    end
   end
   i64.const 0
   local.get $4
   i64.sub
   local.get $4
   local.get $0
   select
   call $assembly/value/opa_number_int
   return
  end
  local.get $2
  i32.const 1
  i32.add
  call $assembly/malloc/opa_malloc
  local.set $3
  local.get $0
  if (result i32)
   local.get $3
   i32.const 45
   i32.store8
   local.get $3
   i32.const 1
   i32.add
  else
   local.get $3
  end
  local.get $1
  local.get $2
  memory.copy
  local.get $3
  local.get $2
  local.get $0
  i32.const 0
  i32.ne
  i32.add
  call $assembly/value/opa_number_ref
 )
 (func $assembly/bigint/bigAdd (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  (local $4 i32)
  local.get $0
  call $assembly/bigint/integerDigits
  local.tee $0
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/bigint/intNeg
  local.set $3
  global.get $assembly/bigint/intLen
  local.set $4
  local.get $1
  call $assembly/bigint/integerDigits
  local.tee $1
  i32.eqz
  if
   block $__inlined_func$assembly/malloc/opa_free$226
    local.get $0
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$226
    global.get $assembly/malloc/heapPtr
    local.get $0
    i32.const 8
    i32.sub
    local.tee $1
    i32.load
    local.tee $2
    local.get $0
    i32.add
    i32.eq
    if
     local.get $1
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$226
    end
    local.get $0
    local.get $2
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $2
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $1
    i32.load
    i32.store
    local.get $1
    local.get $0
    i32.store
   end
   i32.const 0
   return
  end
  local.get $0
  local.get $4
  local.get $3
  local.get $1
  global.get $assembly/bigint/intLen
  global.get $assembly/bigint/intNeg
  local.get $2
  i32.const 0
  i32.ne
  i32.ne
  call $assembly/bigint/addSigned
  block $__inlined_func$assembly/malloc/opa_free$227
   local.get $1
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$227
   global.get $assembly/malloc/heapPtr
   local.get $1
   i32.const 8
   i32.sub
   local.tee $3
   i32.load
   local.tee $4
   local.get $1
   i32.add
   i32.eq
   if
    local.get $3
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$227
   end
   local.get $1
   local.get $4
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $4
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $3
   i32.load
   i32.store
   local.get $3
   local.get $1
   i32.store
  end
  block $__inlined_func$assembly/malloc/opa_free$228
   local.get $0
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$228
   global.get $assembly/malloc/heapPtr
   local.get $0
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $3
   local.get $0
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$228
   end
   local.get $0
   local.get $3
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $3
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $0
   i32.store
  end
 )
 (func $assembly/access/arrayIndex (param $0 i32) (param $1 i32) (result i32)
  (local $2 i64)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.ne
  if (result i32)
   i32.const 0
  else
   local.get $0
   call $assembly/number/numberTryInt
  end
  i32.eqz
  if
   i32.const -1
   return
  end
  global.get $assembly/number/tryIntResult
  local.tee $2
  i32.wrap_i64
  i32.const -1
  local.get $2
  local.get $1
  i64.extend_i32_u
  i64.lt_s
  local.get $2
  i64.const 0
  i64.ge_s
  i32.and
  select
 )
 (func $assembly/value/opa_value_type (param $0 i32) (result i32)
  local.get $0
  i32.load8_u
 )
 (func $assembly/value/opa_value_boolean (param $0 i32) (result i32)
  local.get $0
  if (result i32)
   local.get $0
   i32.load8_u
   i32.const 2
   i32.eq
  else
   i32.const 0
  end
  if (result i32)
   local.get $0
   i32.load8_u offset=1
   i32.const 0
   i32.ne
  else
   i32.const 0
  end
 )
 (func $assembly/value/opa_string_terminated (param $0 i32) (result i32)
  (local $1 i32)
  loop $while-continue|0
   local.get $0
   local.get $1
   i32.add
   i32.load8_u
   if
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $while-continue|0
   end
  end
  local.get $0
  local.get $1
  call $assembly/value/opa_string
 )
 (func $assembly/value/opa_string_allocated (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/value/opa_string
 )
 (func $assembly/value/opa_number_size (param $0 i32) (result i32)
  local.get $0
  i64.extend_i32_s
  call $assembly/value/opa_number_int
 )
 (func $assembly/value/opa_null (result i32)
  (local $0 i32)
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 1
  i32.store8
  local.get $0
 )
 (func $assembly/value/opa_boolean (param $0 i32) (result i32)
  (local $1 i32)
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.const 0
  i32.ne
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/value/opa_array (result i32)
  i32.const 0
  call $assembly/value/opa_array_with_cap
 )
 (func $assembly/table/opa_set_with_cap (param $0 i32) (result i32)
  i32.const 7
  local.get $0
  call $assembly/table/tableNew
 )
 (func $assembly/table/opa_set_get (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/table/tableFind
  local.tee $0
  if (result i32)
   local.get $0
   i32.load
  else
   i32.const 0
  end
 )
 (func $assembly/table/opa_set_add (param $0 i32) (param $1 i32)
  local.get $0
  local.get $1
  call $assembly/table/tableFind
  i32.eqz
  if
   local.get $0
   local.get $1
   i32.const 0
   call $assembly/table/tableInsert
  end
 )
 (func $assembly/table/opa_set (result i32)
  i32.const 7
  i32.const 0
  call $assembly/table/tableNew
 )
 (func $assembly/table/opa_object_remove (param $0 i32) (param $1 i32)
  local.get $0
  local.get $1
  call $assembly/table/tableRemove
 )
 (func $assembly/table/opa_object_insert (param $0 i32) (param $1 i32) (param $2 i32)
  local.get $0
  local.get $1
  local.get $2
  call $assembly/table/tableInsert
 )
 (func $assembly/table/opa_object_get (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/table/tableFind
  local.tee $0
  if (result i32)
   local.get $0
   i32.load offset=4
  else
   i32.const 0
  end
 )
 (func $assembly/table/opa_object (result i32)
  i32.const 6
  i32.const 0
  call $assembly/table/tableNew
 )
 (func $assembly/paths/opa_value_upsert_path (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  local.get $1
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 5
   i32.ne
  else
   i32.const 1
  end
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  i32.const 0
  local.get $2
  call $assembly/paths/upsertFrom
 )
 (func $assembly/paths/opa_value_remove_path (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  local.get $1
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 5
   i32.ne
  else
   i32.const 1
  end
  if (result i32)
   i32.const 0
  else
   local.get $1
   i32.load offset=4
  end
  i32.eqz
  if
   i32.const 3
   return
  end
  local.get $1
  i32.load offset=4
  i32.const 1
  i32.sub
  local.set $3
  loop $for-loop|0
   local.get $2
   local.get $3
   i32.lt_u
   if
    local.get $0
    local.get $1
    i32.load offset=12
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    call $assembly/access/opa_value_get
    local.tee $0
    i32.eqz
    if
     i32.const 0
     return
    end
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|0
   end
  end
  local.get $0
  i32.load8_u
  i32.const 6
  i32.ne
  if
   i32.const 2
   return
  end
  local.get $0
  local.get $1
  i32.load offset=12
  local.get $3
  i32.const 2
  i32.shl
  i32.add
  i32.load
  call $assembly/table/tableRemove
  i32.const 0
 )
 (func $assembly/paths/opa_value_add_path (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  local.get $1
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 5
   i32.ne
  else
   i32.const 1
  end
  if (result i32)
   i32.const 0
  else
   local.get $1
   i32.load offset=4
  end
  i32.eqz
  if
   i32.const 3
   return
  end
  local.get $1
  i32.load offset=4
  i32.const 1
  i32.sub
  local.set $5
  loop $for-loop|0
   local.get $4
   local.get $5
   i32.lt_u
   if
    local.get $0
    i32.load8_u
    i32.const 6
    i32.ne
    if
     i32.const 2
     return
    end
    local.get $0
    local.get $1
    i32.load offset=12
    local.get $4
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.tee $6
    call $assembly/access/opa_value_get
    local.tee $3
    i32.eqz
    if
     local.get $0
     local.get $6
     i32.const 6
     i32.const 0
     call $assembly/table/tableNew
     local.tee $3
     call $assembly/table/tableInsert
    end
    local.get $3
    local.set $0
    local.get $4
    i32.const 1
    i32.add
    local.set $4
    br $for-loop|0
   end
  end
  local.get $0
  i32.load8_u
  i32.const 6
  i32.ne
  if
   i32.const 2
   return
  end
  local.get $0
  local.get $1
  i32.load offset=12
  local.get $5
  i32.const 2
  i32.shl
  i32.add
  i32.load
  local.get $2
  call $assembly/table/tableInsert
  i32.const 0
 )
 (func $assembly/number/opa_number_try_int_result (result i64)
  global.get $assembly/number/tryIntResult
 )
 (func $assembly/number/opa_number_try_int (param $0 i32) (result i32)
  local.get $0
  call $assembly/number/numberTryInt
 )
 (func $assembly/number/numberCompare (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 f64)
  (local $4 f64)
  (local $5 i64)
  (local $6 i64)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  local.get $1
  i32.load8_u offset=1
  local.tee $7
  i32.const 1
  i32.eq
  local.get $0
  i32.load8_u offset=1
  local.tee $2
  i32.const 1
  i32.eq
  i32.and
  if
   i32.const -1
   local.get $0
   i64.load offset=8
   local.tee $5
   local.get $1
   i64.load offset=8
   local.tee $6
   i64.gt_s
   local.get $5
   local.get $6
   i64.lt_s
   select
   return
  end
  local.get $7
  i32.const 3
  i32.ne
  local.get $2
  i32.const 3
  i32.ne
  i32.and
  if
   local.get $0
   call $assembly/number/numberToF64
   local.set $3
   local.get $1
   call $assembly/number/numberToF64
   local.set $4
   local.get $2
   i32.const 2
   i32.eq
   local.tee $2
   i32.eqz
   if
    local.get $3
    f64.abs
    f64.const 9007199254740992
    f64.lt
    local.set $2
   end
   local.get $2
   if (result i32)
    local.get $7
    i32.const 2
    i32.eq
    local.get $4
    f64.abs
    f64.const 9007199254740992
    f64.lt
    i32.or
   else
    local.get $2
   end
   if
    i32.const -1
    local.get $3
    local.get $4
    f64.gt
    local.get $3
    local.get $4
    f64.lt
    select
    return
   end
  end
  local.get $0
  i32.const 4032
  call $assembly/number/scratchFor
  local.set $2
  local.get $1
  i32.const 4096
  call $assembly/number/scratchFor
  local.set $7
  local.get $0
  local.get $2
  call $assembly/number/decimalOf
  local.set $8
  global.get $assembly/number/decNeg
  local.set $0
  global.get $assembly/number/decExp
  local.set $9
  local.get $1
  local.get $7
  call $assembly/number/decimalOf
  local.set $10
  global.get $assembly/number/decExp
  local.set $11
  i32.const -1
  i32.const 1
  i32.const -1
  i32.const 1
  local.get $0
  select
  i32.const 0
  local.get $8
  select
  local.tee $12
  i32.const -1
  i32.const 1
  global.get $assembly/number/decNeg
  select
  i32.const 0
  local.get $10
  select
  local.tee $1
  i32.lt_s
  select
  local.set $0
  block $__inlined_func$assembly/number/compareDecimals$48
   local.get $1
   local.get $12
   i32.ne
   br_if $__inlined_func$assembly/number/compareDecimals$48
   i32.const 0
   local.set $0
   local.get $12
   i32.eqz
   br_if $__inlined_func$assembly/number/compareDecimals$48
   i32.const 0
   local.set $1
   i32.const 0
   local.get $9
   local.get $11
   i32.ne
   if (result i32)
    i32.const -1
    i32.const 1
    local.get $9
    local.get $11
    i32.lt_s
    select
   else
    local.get $8
    local.get $10
    local.get $8
    local.get $10
    i32.lt_s
    select
    local.set $11
    loop $for-loop|0
     local.get $1
     i32.eqz
     local.get $0
     local.get $11
     i32.lt_s
     i32.and
     if
      local.get $0
      local.get $2
      i32.add
      i32.load8_u
      local.tee $13
      local.get $0
      local.get $7
      i32.add
      i32.load8_u
      local.tee $9
      i32.ne
      if
       i32.const -1
       i32.const 1
       local.get $9
       local.get $13
       i32.gt_u
       select
       local.set $1
      end
      local.get $0
      i32.const 1
      i32.add
      local.set $0
      br $for-loop|0
     end
    end
    i32.const -1
    i32.const 1
    local.get $8
    local.get $10
    i32.lt_s
    select
    local.get $1
    local.get $1
    i32.eqz
    local.get $8
    local.get $10
    i32.ne
    i32.and
    select
   end
   local.tee $0
   i32.sub
   local.get $0
   local.get $12
   i32.const 0
   i32.lt_s
   select
   local.set $0
  end
  local.get $2
  i32.const 4032
  i32.ne
  if
   block $__inlined_func$assembly/malloc/opa_free$49
    local.get $2
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$49
    global.get $assembly/malloc/heapPtr
    local.get $2
    i32.const 8
    i32.sub
    local.tee $1
    i32.load
    local.tee $8
    local.get $2
    i32.add
    i32.eq
    if
     local.get $1
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$49
    end
    local.get $2
    local.get $8
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $8
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $1
    i32.load
    i32.store
    local.get $1
    local.get $2
    i32.store
   end
  end
  local.get $7
  i32.const 4096
  i32.ne
  if
   block $__inlined_func$assembly/malloc/opa_free$50
    local.get $7
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$50
    global.get $assembly/malloc/heapPtr
    local.get $7
    i32.const 8
    i32.sub
    local.tee $1
    i32.load
    local.tee $2
    local.get $7
    i32.add
    i32.eq
    if
     local.get $1
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$50
    end
    local.get $7
    local.get $2
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $2
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $1
    i32.load
    i32.store
    local.get $1
    local.get $7
    i32.store
   end
  end
  local.get $0
 )
 (func $assembly/number/decimalFromText (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i64)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  local.get $1
  if (result i32)
   local.get $0
   i32.load8_u
  else
   i32.const 0
  end
  local.tee $4
  i32.const 45
  i32.eq
  local.tee $10
  local.get $4
  i32.const 43
  i32.eq
  i32.or
  if (result i32)
   i32.const 1
   local.set $5
   local.get $10
  else
   i32.const 0
  end
  loop $while-continue|0
   local.get $1
   local.get $5
   i32.gt_u
   if
    block $while-break|0
     local.get $0
     local.get $5
     i32.add
     i32.load8_u
     local.tee $10
     i32.const 57
     i32.le_u
     local.get $10
     i32.const 48
     i32.ge_u
     i32.and
     if
      local.get $6
      i32.eqz
      local.get $10
      i32.const 48
      i32.eq
      i32.and
      if
       local.get $8
       i32.const 1
       i32.add
       local.get $8
       local.get $9
       select
       local.set $8
      else
       local.get $2
       local.get $6
       i32.add
       local.get $10
       i32.store8
       local.get $6
       i32.const 1
       i32.add
       local.set $6
       local.get $7
       local.get $7
       i32.const 1
       i32.add
       local.get $9
       select
       local.set $7
      end
     else
      local.get $10
      i32.const 46
      i32.ne
      if
       local.get $10
       i32.const 69
       i32.eq
       local.get $10
       i32.const 101
       i32.eq
       i32.or
       if (result i64)
        local.get $5
        i32.const 1
        i32.add
        local.tee $5
        local.get $1
        i32.lt_u
        if (result i32)
         local.get $0
         local.get $5
         i32.add
         i32.load8_u
         local.tee $9
         i32.const 45
         i32.eq
         local.tee $10
         local.get $9
         i32.const 43
         i32.eq
         i32.or
         if (result i32)
          local.get $5
          i32.const 1
          i32.add
          local.set $5
          local.get $10
         else
          i32.const 0
         end
        else
         i32.const 0
        end
        local.set $9
        loop $while-continue|1
         local.get $1
         local.get $5
         i32.gt_u
         if
          local.get $0
          local.get $5
          i32.add
          i32.load8_u
          local.tee $10
          i32.const 48
          i32.lt_u
          local.get $10
          i32.const 57
          i32.gt_u
          i32.or
          i32.eqz
          if
           local.get $3
           i64.const 1000000000
           i64.lt_s
           if
            local.get $10
            i32.const 48
            i32.sub
            i32.const 255
            i32.and
            i64.extend_i32_u
            local.get $3
            i64.const 10
            i64.mul
            i64.add
            local.set $3
           end
           local.get $5
           i32.const 1
           i32.add
           local.set $5
           br $while-continue|1
          end
         end
        end
        i64.const 0
        local.get $3
        i64.sub
        local.get $3
        local.get $9
        select
       else
        i64.const 0
       end
       local.set $3
       br $while-break|0
      end
      i32.const 1
      local.set $9
     end
     local.get $5
     i32.const 1
     i32.add
     local.set $5
     br $while-continue|0
    end
   end
  end
  loop $while-continue|2
   local.get $6
   i32.const 0
   i32.gt_s
   if (result i32)
    local.get $2
    local.get $6
    i32.const 1
    i32.sub
    i32.add
    i32.load8_u
    i32.const 48
    i32.eq
   else
    i32.const 0
   end
   if
    local.get $6
    i32.const 1
    i32.sub
    local.set $6
    br $while-continue|2
   end
  end
  local.get $6
  i32.eqz
  if
   i32.const 0
   global.set $assembly/number/decNeg
   i32.const 0
   global.set $assembly/number/decExp
   i32.const 0
   return
  end
  global.set $assembly/number/decNeg
  local.get $7
  i64.extend_i32_s
  i64.const 0
  local.get $8
  i64.extend_i32_s
  i64.sub
  local.get $7
  i32.const 0
  i32.gt_s
  select
  local.get $3
  i64.add
  i32.wrap_i64
  global.set $assembly/number/decExp
  local.get $6
 )
 (func $assembly/malloc/opa_runtime_heap_base (result i32)
  i32.const 11424
 )
 (func $assembly/malloc/opa_heap_ptr_set (param $0 i32)
  local.get $0
  global.set $assembly/malloc/heapPtr
  i32.const 1024
  i32.const 0
  i32.const 136
  memory.fill
 )
 (func $assembly/malloc/opa_heap_ptr_get (result i32)
  global.get $assembly/malloc/heapPtr
  i32.eqz
  if
   i32.const 11424
   global.set $assembly/malloc/heapPtr
  end
  global.get $assembly/malloc/heapPtr
 )
 (func $assembly/malloc/opa_free (param $0 i32)
  (local $1 i32)
  (local $2 i32)
  local.get $0
  i32.eqz
  if
   return
  end
  global.get $assembly/malloc/heapPtr
  local.get $0
  i32.const 8
  i32.sub
  local.tee $2
  i32.load
  local.tee $1
  local.get $0
  i32.add
  i32.eq
  if
   local.get $2
   global.set $assembly/malloc/heapPtr
   return
  end
  local.get $0
  local.get $1
  i32.const 256
  i32.le_u
  if (result i32)
   local.get $1
   i32.const 3
   i32.shr_u
   i32.const 2
   i32.shl
   i32.const 1024
   i32.add
  else
   i32.const 1156
  end
  local.tee $1
  i32.load
  i32.store
  local.get $1
  local.get $0
  i32.store
 )
 (func $assembly/json-parse/parseString (result i32)
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  global.get $assembly/json-parse/pos
  i32.const 1
  i32.add
  global.set $assembly/json-parse/pos
  global.get $assembly/json-parse/pos
  local.set $4
  block $folding-inner0
   loop $while-continue|0
    block $while-break|0
     global.get $assembly/json-parse/pos
     global.get $assembly/json-parse/end
     i32.ge_u
     br_if $folding-inner0
     global.get $assembly/json-parse/pos
     i32.load8_u
     local.tee $0
     i32.const 34
     i32.eq
     br_if $while-break|0
     local.get $0
     i32.const 32
     i32.lt_u
     br_if $folding-inner0
     local.get $0
     i32.const 92
     i32.eq
     if
      global.get $assembly/json-parse/pos
      i32.const 1
      i32.add
      global.set $assembly/json-parse/pos
      i32.const 1
      local.set $1
     end
     global.get $assembly/json-parse/pos
     i32.const 1
     i32.add
     global.set $assembly/json-parse/pos
     br $while-continue|0
    end
   end
   global.get $assembly/json-parse/pos
   local.get $4
   i32.sub
   local.set $2
   global.get $assembly/json-parse/pos
   i32.const 1
   i32.add
   global.set $assembly/json-parse/pos
   local.get $2
   call $assembly/malloc/opa_malloc
   local.set $3
   local.get $1
   i32.eqz
   if
    local.get $3
    local.get $4
    local.get $2
    memory.copy
    local.get $3
    local.get $2
    call $assembly/value/opa_string
    return
   end
   local.get $3
   local.set $0
   local.get $2
   local.get $4
   i32.add
   local.set $6
   loop $while-continue|1
    local.get $4
    local.get $6
    i32.lt_u
    if
     local.get $4
     i32.load8_u
     local.tee $2
     i32.const 92
     i32.ne
     if
      local.get $0
      local.tee $1
      i32.const 1
      i32.add
      local.set $0
      local.get $1
      local.get $2
      i32.store8
      local.get $4
      i32.const 1
      i32.add
      local.set $4
      br $while-continue|1
     end
     local.get $4
     i32.load8_u offset=1
     local.set $1
     local.get $4
     i32.const 2
     i32.add
     local.set $4
     block $break|2
      block $case8|2
       block $case7|2
        block $case6|2
         block $case5|2
          block $case4|2
           block $case3|2
            block $case2|2
             block $case1|2
              local.get $1
              i32.const 34
              i32.ne
              if
               local.get $1
               i32.const 92
               i32.eq
               br_if $case1|2
               local.get $1
               i32.const 47
               i32.eq
               br_if $case2|2
               local.get $1
               i32.const 98
               i32.eq
               br_if $case3|2
               local.get $1
               i32.const 102
               i32.eq
               br_if $case4|2
               local.get $1
               i32.const 110
               i32.eq
               br_if $case5|2
               local.get $1
               i32.const 114
               i32.eq
               br_if $case6|2
               local.get $1
               i32.const 116
               i32.eq
               br_if $case7|2
               local.get $1
               i32.const 117
               i32.eq
               br_if $case8|2
               br $folding-inner0
              end
              i32.const 34
              local.set $1
              br $break|2
             end
             i32.const 92
             local.set $1
             br $break|2
            end
            i32.const 47
            local.set $1
            br $break|2
           end
           i32.const 8
           local.set $1
           br $break|2
          end
          i32.const 12
          local.set $1
          br $break|2
         end
         i32.const 10
         local.set $1
         br $break|2
        end
        i32.const 13
        local.set $1
        br $break|2
       end
       i32.const 9
       local.set $1
       br $break|2
      end
      i32.const 0
      local.set $1
      i32.const 0
      local.set $2
      block $__inlined_func$assembly/json-parse/readHex4
       global.get $assembly/json-parse/end
       local.get $4
       i32.const 4
       i32.add
       i32.lt_u
       if
        i32.const -1
        local.set $2
        br $__inlined_func$assembly/json-parse/readHex4
       end
       loop $for-loop|0
        local.get $1
        i32.const 4
        i32.lt_u
        if
         local.get $1
         local.get $4
         i32.add
         i32.load8_u
         local.tee $7
         i32.const 48
         i32.sub
         local.set $5
         block $__inlined_func$assembly/json-parse/hexDigit$152
          local.get $7
          i32.const 57
          i32.le_u
          local.get $7
          i32.const 48
          i32.ge_u
          i32.and
          br_if $__inlined_func$assembly/json-parse/hexDigit$152
          local.get $7
          i32.const 32
          i32.or
          local.tee $7
          i32.const 87
          i32.sub
          local.set $5
          local.get $7
          i32.const 102
          i32.le_u
          local.get $7
          i32.const 97
          i32.ge_u
          i32.and
          br_if $__inlined_func$assembly/json-parse/hexDigit$152
          i32.const -1
          local.set $5
         end
         local.get $5
         i32.const 0
         i32.lt_s
         if
          i32.const -1
          local.set $2
          br $__inlined_func$assembly/json-parse/readHex4
         end
         local.get $2
         i32.const 4
         i32.shl
         local.get $5
         i32.or
         local.set $2
         local.get $1
         i32.const 1
         i32.add
         local.set $1
         br $for-loop|0
        end
       end
      end
      local.get $2
      i32.const 0
      i32.lt_s
      br_if $folding-inner0
      local.get $4
      i32.const 4
      i32.add
      local.set $4
      local.get $0
      local.get $2
      i32.const 56319
      i32.le_s
      local.get $2
      i32.const 55296
      i32.ge_s
      i32.and
      if (result i32)
       local.get $4
       i32.const 6
       i32.add
       local.get $6
       i32.le_u
       if (result i32)
        local.get $4
        i32.load8_u
        i32.const 92
        i32.eq
       else
        i32.const 0
       end
       if (result i32)
        local.get $4
        i32.load8_u offset=1
        i32.const 117
        i32.eq
       else
        i32.const 0
       end
       if
        block $__inlined_func$assembly/json-parse/readHex4$1
         i32.const 0
         local.set $5
         i32.const 0
         local.set $0
         global.get $assembly/json-parse/end
         local.get $4
         i32.const 2
         i32.add
         local.tee $7
         i32.const 4
         i32.add
         i32.lt_u
         if
          i32.const -1
          local.set $0
          br $__inlined_func$assembly/json-parse/readHex4$1
         end
         loop $for-loop|00
          local.get $5
          i32.const 4
          i32.lt_u
          if
           local.get $5
           local.get $7
           i32.add
           i32.load8_u
           local.tee $8
           i32.const 48
           i32.sub
           local.set $1
           block $__inlined_func$assembly/json-parse/hexDigit$1521
            local.get $8
            i32.const 57
            i32.le_u
            local.get $8
            i32.const 48
            i32.ge_u
            i32.and
            br_if $__inlined_func$assembly/json-parse/hexDigit$1521
            local.get $8
            i32.const 32
            i32.or
            local.tee $8
            i32.const 87
            i32.sub
            local.set $1
            local.get $8
            i32.const 102
            i32.le_u
            local.get $8
            i32.const 97
            i32.ge_u
            i32.and
            br_if $__inlined_func$assembly/json-parse/hexDigit$1521
            i32.const -1
            local.set $1
           end
           local.get $1
           i32.const 0
           i32.lt_s
           if
            i32.const -1
            local.set $0
            br $__inlined_func$assembly/json-parse/readHex4$1
           end
           local.get $0
           i32.const 4
           i32.shl
           local.get $1
           i32.or
           local.set $0
           local.get $5
           i32.const 1
           i32.add
           local.set $5
           br $for-loop|00
          end
         end
        end
       else
        i32.const -1
        local.set $0
       end
       local.get $0
       i32.const 57343
       i32.le_s
       local.get $0
       i32.const 56320
       i32.ge_s
       i32.and
       if (result i32)
        local.get $4
        i32.const 6
        i32.add
        local.set $4
        local.get $0
        local.get $2
        i32.const 10
        i32.shl
        i32.add
        i32.const 56613888
        i32.sub
       else
        i32.const 65533
       end
      else
       i32.const 65533
       local.get $2
       local.get $2
       i32.const 57343
       i32.le_s
       local.get $2
       i32.const 56320
       i32.ge_s
       i32.and
       select
      end
      call $assembly/utf8/encodeUtf8
      local.set $0
      br $while-continue|1
     end
     local.get $0
     local.tee $2
     i32.const 1
     i32.add
     local.set $0
     local.get $2
     local.get $1
     i32.store8
     br $while-continue|1
    end
   end
   local.get $3
   local.get $0
   local.get $3
   i32.sub
   call $assembly/value/opa_string
   return
  end
  i32.const 1
  global.set $assembly/json-parse/failed
  i32.const 0
 )
 (func $assembly/json-parse/parseObject (result i32)
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  global.get $assembly/json-parse/pos
  i32.const 1
  i32.add
  global.set $assembly/json-parse/pos
  i32.const 6
  i32.const 0
  call $assembly/table/tableNew
  local.set $3
  loop $while-continue|0
   global.get $assembly/json-parse/pos
   global.get $assembly/json-parse/end
   i32.lt_u
   if
    global.get $assembly/json-parse/pos
    i32.load8_u
    local.tee $0
    i32.const 10
    i32.ne
    local.get $0
    i32.const 32
    i32.ne
    i32.and
    local.get $0
    i32.const 13
    i32.ne
    i32.and
    local.get $0
    i32.const 9
    i32.ne
    i32.and
    i32.eqz
    if
     global.get $assembly/json-parse/pos
     i32.const 1
     i32.add
     global.set $assembly/json-parse/pos
     br $while-continue|0
    end
   end
  end
  global.get $assembly/json-parse/pos
  global.get $assembly/json-parse/end
  i32.lt_u
  if (result i32)
   global.get $assembly/json-parse/pos
   i32.load8_u
   i32.const 125
   i32.eq
  else
   i32.const 0
  end
  if
   global.get $assembly/json-parse/pos
   i32.const 1
   i32.add
   global.set $assembly/json-parse/pos
   local.get $3
   return
  end
  i32.const 1
  local.set $4
  block $folding-inner0
   loop $while-continue|01
    loop $while-continue|03
     global.get $assembly/json-parse/pos
     global.get $assembly/json-parse/end
     i32.lt_u
     if
      global.get $assembly/json-parse/pos
      i32.load8_u
      local.tee $0
      i32.const 10
      i32.ne
      local.get $0
      i32.const 32
      i32.ne
      i32.and
      local.get $0
      i32.const 13
      i32.ne
      i32.and
      local.get $0
      i32.const 9
      i32.ne
      i32.and
      i32.eqz
      if
       global.get $assembly/json-parse/pos
       i32.const 1
       i32.add
       global.set $assembly/json-parse/pos
       br $while-continue|03
      end
     end
    end
    call $assembly/json-parse/parseValue
    local.set $2
    global.get $assembly/json-parse/failed
    if
     i32.const 0
     return
    end
    global.get $assembly/json-parse/regoTerms
    if (result i32)
     i32.const 0
    else
     local.get $2
     i32.load8_u
     i32.const 4
     i32.ne
    end
    br_if $folding-inner0
    loop $while-continue|05
     global.get $assembly/json-parse/pos
     global.get $assembly/json-parse/end
     i32.lt_u
     if
      global.get $assembly/json-parse/pos
      i32.load8_u
      local.tee $0
      i32.const 10
      i32.ne
      local.get $0
      i32.const 32
      i32.ne
      i32.and
      local.get $0
      i32.const 13
      i32.ne
      i32.and
      local.get $0
      i32.const 9
      i32.ne
      i32.and
      i32.eqz
      if
       global.get $assembly/json-parse/pos
       i32.const 1
       i32.add
       global.set $assembly/json-parse/pos
       br $while-continue|05
      end
     end
    end
    global.get $assembly/json-parse/pos
    global.get $assembly/json-parse/end
    i32.lt_u
    i32.const 0
    global.get $assembly/json-parse/regoTerms
    i32.const 0
    local.get $4
    select
    select
    if (result i32)
     global.get $assembly/json-parse/pos
     i32.load8_u
     i32.const 58
     i32.ne
    else
     i32.const 0
    end
    if
     i32.const 7
     i32.const 0
     call $assembly/table/tableNew
     local.tee $0
     local.get $2
     i32.const 0
     call $assembly/table/tableInsert
     loop $while-continue|02
      block $__inlined_func$assembly/json-parse/parseSetRest$417
       loop $while-continue|014
        global.get $assembly/json-parse/pos
        global.get $assembly/json-parse/end
        i32.lt_u
        if
         global.get $assembly/json-parse/pos
         i32.load8_u
         local.tee $2
         i32.const 10
         i32.ne
         local.get $2
         i32.const 32
         i32.ne
         i32.and
         local.get $2
         i32.const 13
         i32.ne
         i32.and
         local.get $2
         i32.const 9
         i32.ne
         i32.and
         i32.eqz
         if
          global.get $assembly/json-parse/pos
          i32.const 1
          i32.add
          global.set $assembly/json-parse/pos
          br $while-continue|014
         end
        end
       end
       global.get $assembly/json-parse/pos
       global.get $assembly/json-parse/end
       i32.ge_u
       if
        i32.const 1
        global.set $assembly/json-parse/failed
        br $__inlined_func$assembly/json-parse/parseSetRest$417
       end
       global.get $assembly/json-parse/pos
       local.tee $2
       i32.const 1
       i32.add
       global.set $assembly/json-parse/pos
       local.get $0
       local.set $1
       local.get $2
       i32.load8_u
       local.tee $2
       i32.const 125
       i32.eq
       br_if $__inlined_func$assembly/json-parse/parseSetRest$417
       local.get $2
       i32.const 44
       i32.ne
       if
        i32.const 1
        global.set $assembly/json-parse/failed
        i32.const 0
        local.set $1
        br $__inlined_func$assembly/json-parse/parseSetRest$417
       end
       call $assembly/json-parse/parseValue
       local.set $2
       i32.const 0
       local.set $1
       global.get $assembly/json-parse/failed
       br_if $__inlined_func$assembly/json-parse/parseSetRest$417
       local.get $0
       local.get $2
       call $assembly/table/tableFind
       i32.eqz
       if
        local.get $0
        local.get $2
        i32.const 0
        call $assembly/table/tableInsert
       end
       br $while-continue|02
      end
     end
     local.get $1
     return
    end
    i32.const 0
    local.set $4
    global.get $assembly/json-parse/pos
    global.get $assembly/json-parse/end
    i32.ge_u
    if (result i32)
     i32.const 1
    else
     global.get $assembly/json-parse/pos
     i32.load8_u
     i32.const 58
     i32.ne
    end
    br_if $folding-inner0
    global.get $assembly/json-parse/pos
    i32.const 1
    i32.add
    global.set $assembly/json-parse/pos
    call $assembly/json-parse/parseValue
    local.set $0
    global.get $assembly/json-parse/failed
    if
     i32.const 0
     return
    end
    local.get $3
    local.get $2
    local.get $0
    call $assembly/table/tableInsert
    loop $while-continue|07
     global.get $assembly/json-parse/pos
     global.get $assembly/json-parse/end
     i32.lt_u
     if
      global.get $assembly/json-parse/pos
      i32.load8_u
      local.tee $0
      i32.const 10
      i32.ne
      local.get $0
      i32.const 32
      i32.ne
      i32.and
      local.get $0
      i32.const 13
      i32.ne
      i32.and
      local.get $0
      i32.const 9
      i32.ne
      i32.and
      i32.eqz
      if
       global.get $assembly/json-parse/pos
       i32.const 1
       i32.add
       global.set $assembly/json-parse/pos
       br $while-continue|07
      end
     end
    end
    global.get $assembly/json-parse/pos
    global.get $assembly/json-parse/end
    i32.ge_u
    br_if $folding-inner0
    global.get $assembly/json-parse/pos
    local.tee $0
    i32.const 1
    i32.add
    global.set $assembly/json-parse/pos
    local.get $0
    i32.load8_u
    local.tee $0
    i32.const 125
    i32.eq
    if
     local.get $3
     return
    end
    local.get $0
    i32.const 44
    i32.eq
    br_if $while-continue|01
   end
   i32.const 1
   global.set $assembly/json-parse/failed
   i32.const 0
   return
  end
  i32.const 1
  global.set $assembly/json-parse/failed
  i32.const 0
 )
 (func $assembly/json-parse/parseNumber (result i32)
  (local $0 i32)
  (local $1 i64)
  (local $2 i32)
  (local $3 i32)
  global.get $assembly/json-parse/pos
  local.set $2
  global.get $assembly/json-parse/pos
  global.get $assembly/json-parse/end
  i32.lt_u
  if (result i32)
   global.get $assembly/json-parse/pos
   i32.load8_u
   i32.const 45
   i32.eq
  else
   i32.const 0
  end
  if
   global.get $assembly/json-parse/pos
   i32.const 1
   i32.add
   global.set $assembly/json-parse/pos
  end
  block $folding-inner0
   global.get $assembly/json-parse/pos
   global.get $assembly/json-parse/end
   i32.ge_u
   if (result i32)
    i32.const 0
   else
    global.get $assembly/json-parse/pos
    i32.load8_u
    local.tee $0
    i32.const 57
    i32.le_u
    local.get $0
    i32.const 48
    i32.ge_u
    i32.and
   end
   i32.eqz
   br_if $folding-inner0
   global.get $assembly/json-parse/pos
   i32.load8_u
   i32.const 48
   i32.eq
   if
    global.get $assembly/json-parse/pos
    i32.const 1
    i32.add
    global.set $assembly/json-parse/pos
   else
    loop $while-continue|0
     global.get $assembly/json-parse/pos
     global.get $assembly/json-parse/end
     i32.lt_u
     if (result i32)
      global.get $assembly/json-parse/pos
      i32.load8_u
      local.tee $0
      i32.const 57
      i32.le_u
      local.get $0
      i32.const 48
      i32.ge_u
      i32.and
     else
      i32.const 0
     end
     if
      global.get $assembly/json-parse/pos
      i32.const 1
      i32.add
      global.set $assembly/json-parse/pos
      br $while-continue|0
     end
    end
   end
   i32.const 1
   local.set $0
   global.get $assembly/json-parse/pos
   global.get $assembly/json-parse/end
   i32.lt_u
   if (result i32)
    global.get $assembly/json-parse/pos
    i32.load8_u
    i32.const 46
    i32.eq
   else
    i32.const 0
   end
   if
    i32.const 0
    local.set $0
    global.get $assembly/json-parse/pos
    i32.const 1
    i32.add
    global.set $assembly/json-parse/pos
    global.get $assembly/json-parse/pos
    global.get $assembly/json-parse/end
    i32.ge_u
    if (result i32)
     i32.const 0
    else
     global.get $assembly/json-parse/pos
     i32.load8_u
     local.tee $3
     i32.const 57
     i32.le_u
     local.get $3
     i32.const 48
     i32.ge_u
     i32.and
    end
    i32.eqz
    br_if $folding-inner0
    loop $while-continue|1
     global.get $assembly/json-parse/pos
     global.get $assembly/json-parse/end
     i32.lt_u
     if (result i32)
      global.get $assembly/json-parse/pos
      i32.load8_u
      local.tee $3
      i32.const 57
      i32.le_u
      local.get $3
      i32.const 48
      i32.ge_u
      i32.and
     else
      i32.const 0
     end
     if
      global.get $assembly/json-parse/pos
      i32.const 1
      i32.add
      global.set $assembly/json-parse/pos
      br $while-continue|1
     end
    end
   end
   global.get $assembly/json-parse/pos
   global.get $assembly/json-parse/end
   i32.lt_u
   if (result i32)
    global.get $assembly/json-parse/pos
    i32.load8_u
    i32.const 32
    i32.or
    i32.const 101
    i32.eq
   else
    i32.const 0
   end
   if
    i32.const 0
    local.set $0
    global.get $assembly/json-parse/pos
    i32.const 1
    i32.add
    global.set $assembly/json-parse/pos
    global.get $assembly/json-parse/pos
    global.get $assembly/json-parse/end
    i32.lt_u
    if (result i32)
     global.get $assembly/json-parse/pos
     i32.load8_u
     i32.const 43
     i32.eq
     if (result i32)
      i32.const 1
     else
      global.get $assembly/json-parse/pos
      i32.load8_u
      i32.const 45
      i32.eq
     end
    else
     i32.const 0
    end
    if
     global.get $assembly/json-parse/pos
     i32.const 1
     i32.add
     global.set $assembly/json-parse/pos
    end
    global.get $assembly/json-parse/pos
    global.get $assembly/json-parse/end
    i32.ge_u
    if (result i32)
     i32.const 0
    else
     global.get $assembly/json-parse/pos
     i32.load8_u
     local.tee $3
     i32.const 57
     i32.le_u
     local.get $3
     i32.const 48
     i32.ge_u
     i32.and
    end
    i32.eqz
    br_if $folding-inner0
    loop $while-continue|2
     global.get $assembly/json-parse/pos
     global.get $assembly/json-parse/end
     i32.lt_u
     if (result i32)
      global.get $assembly/json-parse/pos
      i32.load8_u
      local.tee $3
      i32.const 57
      i32.le_u
      local.get $3
      i32.const 48
      i32.ge_u
      i32.and
     else
      i32.const 0
     end
     if
      global.get $assembly/json-parse/pos
      i32.const 1
      i32.add
      global.set $assembly/json-parse/pos
      br $while-continue|2
     end
    end
   end
   local.get $0
   global.get $assembly/json-parse/pos
   local.get $2
   i32.sub
   local.tee $0
   i32.const 1
   i32.sub
   local.get $0
   local.get $2
   i32.load8_u
   i32.const 45
   i32.eq
   local.tee $3
   select
   i32.const 18
   i32.le_u
   i32.and
   if
    local.get $2
    i32.const 1
    i32.add
    local.get $2
    local.get $3
    select
    local.set $0
    loop $for-loop|3
     local.get $0
     global.get $assembly/json-parse/pos
     i32.lt_u
     if
      local.get $0
      i64.load8_u
      i64.const 48
      i64.sub
      local.get $1
      i64.const 10
      i64.mul
      i64.add
      local.set $1
      local.get $0
      i32.const 1
      i32.add
      local.set $0
      br $for-loop|3
     end
    end
    i64.const 0
    local.get $1
    i64.sub
    local.get $1
    local.get $3
    select
    call $assembly/value/opa_number_int
    return
   end
   local.get $0
   call $assembly/malloc/opa_malloc
   local.tee $3
   local.get $2
   local.get $0
   memory.copy
   local.get $3
   local.get $0
   call $assembly/value/opa_number_ref
   return
  end
  i32.const 1
  global.set $assembly/json-parse/failed
  i32.const 0
 )
 (func $assembly/json-parse/opa_value_parse (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  i32.const 1
  call $assembly/json-parse/parseDocument
 )
 (func $assembly/json-parse/opa_json_parse (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  i32.const 0
  call $assembly/json-parse/parseDocument
 )
 (func $assembly/json-dump/opa_value_dump (param $0 i32) (result i32)
  local.get $0
  i32.const 1
  call $assembly/json-dump/dump
 )
 (func $assembly/json-dump/opa_json_dump (param $0 i32) (result i32)
  local.get $0
  i32.const 0
  call $assembly/json-dump/dump
 )
 (func $assembly/float-format/writeFloat (param $0 f64) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  local.get $1
  local.set $2
  local.get $0
  f64.const 0
  f64.eq
  if
   local.get $2
   i32.const 48
   i32.store8
   i32.const 1
   return
  end
  local.get $0
  f64.const 0
  f64.lt
  if (result f64)
   local.get $2
   local.tee $3
   i32.const 1
   i32.add
   local.set $2
   local.get $3
   i32.const 45
   i32.store8
   local.get $0
   f64.neg
  else
   local.get $0
  end
  i32.const 4000
  call $assembly/float-format/shortestDigits
  local.set $5
  global.get $assembly/float-format/shortestExp
  local.tee $4
  i32.const 21
  i32.le_s
  local.get $4
  local.get $5
  i32.ge_s
  i32.and
  if
   local.get $2
   i32.const 4000
   local.get $5
   memory.copy
   local.get $2
   local.get $5
   i32.add
   local.set $2
   loop $for-loop|0
    local.get $4
    local.get $5
    i32.gt_s
    if
     local.get $2
     local.tee $3
     i32.const 1
     i32.add
     local.set $2
     local.get $3
     i32.const 48
     i32.store8
     local.get $5
     i32.const 1
     i32.add
     local.set $5
     br $for-loop|0
    end
   end
  else
   local.get $4
   i32.const 21
   i32.le_s
   local.get $4
   i32.const 0
   i32.gt_s
   i32.and
   if (result i32)
    local.get $2
    i32.const 4000
    local.get $4
    memory.copy
    local.get $2
    local.get $4
    i32.add
    local.tee $2
    i32.const 1
    i32.add
    local.set $3
    local.get $2
    i32.const 46
    i32.store8
    local.get $3
    local.get $4
    i32.const 4000
    i32.add
    local.get $5
    local.get $4
    i32.sub
    local.tee $2
    memory.copy
    local.get $2
    local.get $3
    i32.add
   else
    local.get $4
    i32.const 0
    i32.le_s
    local.get $4
    i32.const -6
    i32.gt_s
    i32.and
    if (result i32)
     local.get $2
     i32.const 48
     i32.store8
     local.get $2
     local.tee $3
     i32.const 2
     i32.add
     local.set $2
     local.get $3
     i32.const 46
     i32.store8 offset=1
     loop $for-loop|1
      local.get $4
      i32.const 0
      i32.lt_s
      if
       local.get $2
       local.tee $3
       i32.const 1
       i32.add
       local.set $2
       local.get $3
       i32.const 48
       i32.store8
       local.get $4
       i32.const 1
       i32.add
       local.set $4
       br $for-loop|1
      end
     end
     local.get $2
     i32.const 4000
     local.get $5
     memory.copy
     local.get $2
     local.get $5
     i32.add
    else
     local.get $2
     i32.const 1
     i32.add
     local.set $3
     local.get $2
     i32.const 4000
     i32.load8_u
     i32.store8
     local.get $5
     i32.const 1
     i32.gt_s
     if
      local.get $3
      i32.const 46
      i32.store8
      local.get $3
      i32.const 1
      i32.add
      local.tee $2
      i32.const 4001
      local.get $5
      i32.const 1
      i32.sub
      local.tee $3
      memory.copy
      local.get $2
      local.get $3
      i32.add
      local.set $3
     end
     local.get $3
     i32.const 101
     i32.store8
     local.get $3
     i32.const 2
     i32.add
     local.set $2
     local.get $3
     i32.const 45
     i32.const 43
     local.get $4
     i32.const 1
     i32.sub
     local.tee $3
     i32.const 0
     i32.lt_s
     local.tee $4
     select
     i32.store8 offset=1
     i32.const 0
     local.get $3
     i32.sub
     local.get $3
     local.get $4
     select
     local.tee $3
     i32.const 100
     i32.ge_s
     if
      local.get $2
      local.get $3
      i32.const 100
      i32.div_s
      i32.const 48
      i32.add
      i32.store8
      local.get $2
      i32.const 1
      i32.add
      local.set $2
     end
     local.get $3
     i32.const 10
     i32.ge_s
     if
      local.get $2
      local.get $3
      i32.const 10
      i32.div_s
      i32.const 10
      i32.rem_s
      i32.const 48
      i32.add
      i32.store8
      local.get $2
      i32.const 1
      i32.add
      local.set $2
     end
     local.get $2
     local.get $3
     i32.const 10
     i32.rem_s
     i32.const 48
     i32.add
     i32.store8
     local.get $2
     i32.const 1
     i32.add
    end
   end
   local.set $2
  end
  local.get $2
  local.get $1
  i32.sub
 )
 (func $assembly/compare/opa_value_hash (param $0 i32) (result i32)
  local.get $0
  call $assembly/compare/valueHash
 )
 (func $assembly/builtins/types/opa_types_name (param $0 i32) (result i32)
  block $break|0
   block $case6|0
    block $case5|0
     block $case4|0
      block $case3|0
       block $case2|0
        block $case1|0
         block $case0|0
          local.get $0
          i32.load8_u
          i32.const 1
          i32.sub
          br_table $case0|0 $case1|0 $case2|0 $case3|0 $case4|0 $case5|0 $case6|0 $break|0
         end
         i32.const 10944
         call $assembly/value/stringOf
         return
        end
        i32.const 11232
        call $assembly/value/stringOf
        return
       end
       i32.const 11280
       call $assembly/value/stringOf
       return
      end
      i32.const 11312
      call $assembly/value/stringOf
      return
     end
     i32.const 11344
     call $assembly/value/stringOf
     return
    end
    i32.const 11376
    call $assembly/value/stringOf
    return
   end
   i32.const 11408
   call $assembly/value/stringOf
   return
  end
  i32.const 0
 )
 (func $assembly/builtins/types/opa_types_is_string (param $0 i32) (result i32)
  (local $1 i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  local.set $1
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  local.get $1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/types/opa_types_is_set (param $0 i32) (result i32)
  (local $1 i32)
  local.get $0
  i32.load8_u
  i32.const 7
  i32.eq
  local.set $1
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  local.get $1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/types/opa_types_is_object (param $0 i32) (result i32)
  (local $1 i32)
  local.get $0
  i32.load8_u
  i32.const 6
  i32.eq
  local.set $1
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  local.get $1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/types/opa_types_is_number (param $0 i32) (result i32)
  (local $1 i32)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.eq
  local.set $1
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  local.get $1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/types/opa_types_is_null (param $0 i32) (result i32)
  (local $1 i32)
  local.get $0
  i32.load8_u
  i32.const 1
  i32.eq
  local.set $1
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  local.get $1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/types/opa_types_is_boolean (param $0 i32) (result i32)
  (local $1 i32)
  local.get $0
  i32.load8_u
  i32.const 2
  i32.eq
  local.set $1
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  local.get $1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/types/opa_types_is_array (param $0 i32) (result i32)
  (local $1 i32)
  local.get $0
  i32.load8_u
  i32.const 5
  i32.eq
  local.set $1
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  local.get $1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/strings/opa_strings_upper (param $0 i32) (result i32)
  local.get $0
  i32.const 1
  call $assembly/builtins/strings/mapCase
 )
 (func $assembly/builtins/strings/opa_strings_trim_suffix (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=4
  local.get $1
  i32.load offset=8
  local.get $1
  i32.load offset=4
  local.tee $1
  call $assembly/builtins/text/hasSuffix
  i32.eqz
  if
   local.get $0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=4
  local.get $1
  i32.sub
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/strings/opa_strings_trim_space (param $0 i32) (result i32)
  local.get $0
  i32.const 0
  i32.const 1
  i32.const 1
  call $assembly/builtins/strings/trimWith
 )
 (func $assembly/builtins/strings/opa_strings_trim_right (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  i32.const 0
  i32.const 1
  call $assembly/builtins/strings/trimWith
 )
 (func $assembly/builtins/strings/opa_strings_trim_prefix (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=4
  local.get $1
  i32.load offset=8
  local.get $1
  i32.load offset=4
  local.tee $1
  call $assembly/builtins/text/hasPrefix
  i32.eqz
  if
   local.get $0
   return
  end
  local.get $1
  local.get $0
  i32.load offset=8
  i32.add
  local.get $0
  i32.load offset=4
  local.get $1
  i32.sub
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/strings/opa_strings_trim_left (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  i32.const 1
  i32.const 0
  call $assembly/builtins/strings/trimWith
 )
 (func $assembly/builtins/strings/opa_strings_trim (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  i32.const 1
  i32.const 1
  call $assembly/builtins/strings/trimWith
 )
 (func $assembly/builtins/strings/opa_strings_substring (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i64)
  (local $4 i64)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 3
   i32.ne
  else
   i32.const 1
  end
  if (result i32)
   i32.const 1
  else
   local.get $2
   i32.load8_u
   i32.const 3
   i32.ne
  end
  if
   i32.const 0
   return
  end
  local.get $1
  call $assembly/number/numberTryInt
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/number/tryIntResult
  local.set $3
  local.get $2
  call $assembly/number/numberTryInt
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $3
  i64.const 0
  i64.lt_s
  if
   i32.const 0
   return
  end
  global.get $assembly/number/tryIntResult
  local.set $4
  local.get $0
  i32.load offset=8
  local.tee $1
  local.get $0
  i32.load offset=4
  local.tee $0
  local.get $3
  call $assembly/builtins/strings/byteOffsetOf
  local.tee $2
  local.get $0
  i32.ge_u
  if
   local.get $1
   i32.const 0
   call $assembly/value/opa_string
   return
  end
  local.get $1
  local.get $2
  i32.add
  local.get $4
  i64.const 0
  i64.lt_s
  if (result i32)
   local.get $0
  else
   local.get $1
   local.get $2
   i32.add
   local.get $0
   local.get $2
   i32.sub
   local.get $4
   call $assembly/builtins/strings/byteOffsetOf
   local.get $2
   i32.add
  end
  local.get $2
  i32.sub
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/strings/opa_strings_startswith (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=4
  local.get $1
  i32.load offset=8
  local.get $1
  i32.load offset=4
  call $assembly/builtins/text/hasPrefix
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.const 0
  i32.ne
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/strings/opa_strings_split (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.set $2
  local.get $0
  i32.load offset=4
  local.set $3
  local.get $1
  i32.load offset=8
  local.set $4
  local.get $1
  i32.load offset=4
  local.set $1
  i32.const 0
  call $assembly/value/opa_array_with_cap
  local.set $5
  local.get $1
  i32.eqz
  if
   i32.const 0
   local.set $0
   loop $while-continue|0
    local.get $0
    local.get $3
    i32.lt_u
    if
     local.get $0
     local.get $2
     i32.add
     local.tee $1
     local.get $3
     local.get $0
     i32.sub
     call $assembly/utf8/decodeUtf8
     drop
     local.get $5
     local.get $1
     global.get $assembly/utf8/decodedWidth
     call $assembly/value/opa_string
     call $assembly/array/opa_array_append
     local.get $0
     global.get $assembly/utf8/decodedWidth
     i32.add
     local.set $0
     br $while-continue|0
    end
   end
   local.get $5
   return
  end
  i32.const 0
  local.set $0
  loop $while-continue|1
   local.get $2
   local.get $3
   local.get $4
   local.get $1
   local.get $0
   call $assembly/builtins/text/findBytes
   local.tee $6
   i32.const 0
   i32.ge_s
   if
    local.get $5
    local.get $0
    local.get $2
    i32.add
    local.get $6
    local.get $0
    i32.sub
    call $assembly/value/opa_string
    call $assembly/array/opa_array_append
    local.get $1
    local.get $6
    i32.add
    local.set $0
    br $while-continue|1
   end
  end
  local.get $5
  local.get $0
  local.get $2
  i32.add
  local.get $3
  local.get $0
  i32.sub
  call $assembly/value/opa_string
  call $assembly/array/opa_array_append
  local.get $5
 )
 (func $assembly/builtins/strings/opa_strings_reverse (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.set $4
  local.get $0
  i32.load offset=4
  local.tee $1
  call $assembly/malloc/opa_malloc
  local.set $2
  i32.const 0
  local.set $0
  loop $while-continue|0
   local.get $0
   local.get $1
   i32.lt_u
   if
    local.get $0
    local.get $4
    i32.add
    local.tee $5
    local.get $1
    local.get $0
    i32.sub
    call $assembly/utf8/decodeUtf8
    drop
    local.get $1
    local.get $2
    i32.add
    local.get $0
    i32.sub
    global.get $assembly/utf8/decodedWidth
    local.tee $3
    i32.sub
    local.get $5
    local.get $3
    memory.copy
    local.get $0
    local.get $3
    i32.add
    local.set $0
    br $while-continue|0
   end
  end
  local.get $2
  local.get $1
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/strings/opa_strings_replace (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  if (result i32)
   local.get $2
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.set $5
  local.get $0
  i32.load offset=4
  local.set $4
  local.get $1
  i32.load offset=8
  local.set $6
  local.get $2
  i32.load offset=8
  local.set $7
  local.get $2
  i32.load offset=4
  local.set $10
  local.get $1
  i32.load offset=4
  local.tee $8
  if
   local.get $5
   local.get $4
   local.get $6
   local.get $8
   i32.const 0
   call $assembly/builtins/text/findBytes
   local.set $1
   loop $for-loop|0
    local.get $1
    i32.const 0
    i32.ge_s
    if
     local.get $3
     i32.const 1
     i32.add
     local.set $3
     local.get $5
     local.get $4
     local.get $6
     local.get $8
     local.get $1
     local.get $8
     i32.add
     call $assembly/builtins/text/findBytes
     local.set $1
     br $for-loop|0
    end
   end
  else
   local.get $5
   local.get $4
   call $assembly/utf8/countCodePoints
   i32.const 1
   i32.add
   local.set $3
  end
  local.get $3
  i32.eqz
  if
   local.get $0
   return
  end
  local.get $4
  local.get $3
  local.get $10
  i32.mul
  i32.add
  local.get $3
  local.get $8
  i32.mul
  i32.const 0
  local.get $8
  select
  i32.sub
  local.tee $2
  call $assembly/malloc/opa_malloc
  local.tee $9
  local.set $0
  local.get $8
  if
   i32.const 0
   local.set $3
   local.get $5
   local.get $4
   local.get $6
   local.get $8
   i32.const 0
   call $assembly/builtins/text/findBytes
   local.set $1
   loop $for-loop|2
    local.get $1
    i32.const 0
    i32.ge_s
    if
     local.get $0
     local.get $3
     local.get $5
     i32.add
     local.get $1
     local.get $3
     i32.sub
     local.tee $3
     memory.copy
     local.get $0
     local.get $3
     i32.add
     local.tee $0
     local.get $7
     local.get $10
     memory.copy
     local.get $0
     local.get $10
     i32.add
     local.set $0
     local.get $5
     local.get $4
     local.get $6
     local.get $8
     local.get $1
     local.get $8
     i32.add
     local.tee $3
     call $assembly/builtins/text/findBytes
     local.set $1
     br $for-loop|2
    end
   end
   local.get $0
   local.get $3
   local.get $5
   i32.add
   local.get $4
   local.get $3
   i32.sub
   memory.copy
  else
   i32.const 0
   local.set $1
   local.get $0
   local.get $7
   local.get $10
   memory.copy
   local.get $0
   local.get $10
   i32.add
   local.set $0
   loop $while-continue|1
    local.get $1
    local.get $4
    i32.lt_u
    if
     local.get $1
     local.get $5
     i32.add
     local.tee $3
     local.get $4
     local.get $1
     i32.sub
     call $assembly/utf8/decodeUtf8
     drop
     local.get $0
     local.get $3
     global.get $assembly/utf8/decodedWidth
     memory.copy
     local.get $1
     global.get $assembly/utf8/decodedWidth
     i32.add
     local.set $1
     local.get $0
     global.get $assembly/utf8/decodedWidth
     i32.add
     local.tee $0
     local.get $7
     local.get $10
     memory.copy
     local.get $0
     local.get $10
     i32.add
     local.set $0
     br $while-continue|1
    end
   end
  end
  local.get $9
  local.get $2
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/strings/opa_strings_lower (param $0 i32) (result i32)
  local.get $0
  i32.const 0
  call $assembly/builtins/strings/mapCase
 )
 (func $assembly/builtins/strings/opa_strings_indexof (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  if (result i32)
   local.get $1
   i32.load offset=4
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=4
  local.get $1
  i32.load offset=8
  local.get $1
  i32.load offset=4
  i32.const 0
  call $assembly/builtins/text/findBytes
  local.tee $1
  i32.const 0
  i32.lt_s
  if
   i64.const -1
   call $assembly/value/opa_number_int
   return
  end
  local.get $0
  i32.load offset=8
  local.get $1
  call $assembly/utf8/countCodePoints
  i64.extend_i32_u
  call $assembly/value/opa_number_int
 )
 (func $assembly/builtins/strings/opa_strings_format_int (param $0 i32) (param $1 i32) (result i32)
  (local $2 i64)
  (local $3 i64)
  (local $4 f64)
  (local $5 i32)
  (local $6 i32)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.ne
  if (result i32)
   i32.const 1
  else
   local.get $1
   i32.load8_u
   i32.const 3
   i32.ne
  end
  if
   i32.const 0
   return
  end
  local.get $1
  call $assembly/number/numberTryInt
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/number/tryIntResult
  local.tee $3
  i64.const 8
  i64.ne
  local.get $3
  i64.const 2
  i64.ne
  i32.and
  local.get $3
  i64.const 10
  i64.ne
  i32.and
  local.get $3
  i64.const 16
  i64.ne
  i32.and
  if
   i32.const 0
   return
  end
  local.get $0
  call $assembly/number/numberTryInt
  if (result i64)
   global.get $assembly/number/tryIntResult
  else
   local.get $0
   call $assembly/number/numberToF64
   f64.trunc
   local.tee $4
   f64.abs
   f64.const 92e17
   f64.ge
   local.get $4
   local.get $4
   f64.sub
   f64.const 0
   f64.ne
   i32.or
   if
    i32.const 0
    return
   end
   local.get $4
   i64.trunc_sat_f64_s
  end
  local.set $2
  i32.const 72
  call $assembly/malloc/opa_malloc
  local.tee $5
  i32.const 72
  i32.add
  local.set $0
  i64.const 0
  local.get $2
  i64.sub
  local.get $2
  local.get $2
  i64.const 0
  i64.lt_s
  local.tee $1
  select
  local.set $2
  loop $do-loop|0
   local.get $0
   i32.const 1
   i32.sub
   local.tee $0
   local.get $2
   local.get $3
   i64.rem_u
   i32.wrap_i64
   local.tee $6
   i32.const 4396
   i32.load
   i32.const 1
   i32.shr_u
   i32.ge_u
   if (result i32)
    i32.const -1
   else
    local.get $6
    i32.const 1
    i32.shl
    i32.const 4400
    i32.add
    i32.load16_u
   end
   i32.store8
   local.get $2
   local.get $3
   i64.div_u
   local.tee $2
   i64.const 0
   i64.ne
   br_if $do-loop|0
  end
  local.get $1
  if
   local.get $0
   i32.const 1
   i32.sub
   local.tee $0
   i32.const 45
   i32.store8
  end
  local.get $5
  i32.const 72
  i32.add
  local.get $0
  i32.sub
  local.tee $1
  call $assembly/malloc/opa_malloc
  local.tee $5
  local.get $0
  local.get $1
  memory.copy
  local.get $5
  local.get $1
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/strings/opa_strings_endswith (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=4
  local.get $1
  i32.load offset=8
  local.get $1
  i32.load offset=4
  call $assembly/builtins/text/hasSuffix
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.const 0
  i32.ne
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/strings/opa_strings_contains (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 4
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=8
  local.get $0
  i32.load offset=4
  local.get $1
  i32.load offset=8
  local.get $1
  i32.load offset=4
  i32.const 0
  call $assembly/builtins/text/findBytes
  i32.const 0
  i32.ge_s
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/strings/opa_strings_concat (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  local.get $0
  i32.load8_u
  i32.const 4
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $1
  i32.load8_u
  local.tee $8
  i32.const 7
  i32.ne
  local.get $8
  i32.const 5
  i32.ne
  i32.and
  if
   i32.const 0
   return
  end
  local.get $8
  i32.const 7
  i32.eq
  if
   local.get $1
   call $assembly/table/tableEnsureSorted
  end
  local.get $1
  i32.load offset=4
  local.set $5
  local.get $0
  i32.load offset=4
  local.set $7
  loop $for-loop|0
   local.get $2
   local.get $5
   i32.lt_u
   if
    local.get $8
    i32.const 5
    i32.eq
    if (result i32)
     local.get $1
     i32.load offset=12
     local.get $2
     i32.const 2
     i32.shl
     i32.add
    else
     local.get $1
     i32.load offset=16
     local.get $2
     i32.const 2
     i32.shl
     i32.add
     i32.load
    end
    i32.load
    local.tee $3
    i32.load8_u
    i32.const 4
    i32.ne
    if
     i32.const 0
     return
    end
    local.get $6
    local.get $3
    i32.load offset=4
    local.get $7
    i32.const 0
    local.get $2
    select
    i32.add
    i32.add
    local.set $6
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|0
   end
  end
  local.get $6
  call $assembly/malloc/opa_malloc
  local.tee $4
  local.set $2
  loop $for-loop|1
   local.get $5
   local.get $9
   i32.gt_u
   if
    local.get $8
    i32.const 5
    i32.eq
    if (result i32)
     local.get $1
     i32.load offset=12
     local.get $9
     i32.const 2
     i32.shl
     i32.add
    else
     local.get $1
     i32.load offset=16
     local.get $9
     i32.const 2
     i32.shl
     i32.add
     i32.load
    end
    i32.load
    local.set $3
    local.get $9
    if
     local.get $2
     local.get $0
     i32.load offset=8
     local.get $7
     memory.copy
     local.get $2
     local.get $7
     i32.add
     local.set $2
    end
    local.get $2
    local.get $3
    i32.load offset=8
    local.get $3
    i32.load offset=4
    memory.copy
    local.get $2
    local.get $3
    i32.load offset=4
    i32.add
    local.set $2
    local.get $9
    i32.const 1
    i32.add
    local.set $9
    br $for-loop|1
   end
  end
  local.get $4
  local.get $6
  call $assembly/value/opa_string
 )
 (func $assembly/builtins/sets/opa_sets_union (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  block $__inlined_func$assembly/builtins/sets/allSets$452 (result i32)
   i32.const 0
   local.get $0
   i32.load8_u
   i32.const 7
   i32.ne
   br_if $__inlined_func$assembly/builtins/sets/allSets$452
   drop
   local.get $0
   i32.load offset=4
   local.set $2
   loop $for-loop|0
    local.get $1
    local.get $2
    i32.lt_u
    if
     i32.const 0
     local.get $0
     i32.load offset=16
     local.get $1
     i32.const 2
     i32.shl
     i32.add
     i32.load
     i32.load
     i32.load8_u
     i32.const 7
     i32.ne
     br_if $__inlined_func$assembly/builtins/sets/allSets$452
     drop
     local.get $1
     i32.const 1
     i32.add
     local.set $1
     br $for-loop|0
    end
   end
   i32.const 1
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  i32.const 7
  i32.const 0
  call $assembly/table/tableNew
  local.set $3
  local.get $0
  i32.load offset=4
  local.set $2
  i32.const 0
  local.set $1
  loop $for-loop|00
   local.get $1
   local.get $2
   i32.lt_u
   if
    local.get $3
    local.get $0
    i32.load offset=16
    local.get $1
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.load
    call $assembly/builtins/sets/addAll
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|00
   end
  end
  local.get $3
 )
 (func $assembly/builtins/sets/opa_sets_intersection (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  block $__inlined_func$assembly/builtins/sets/allSets$451 (result i32)
   i32.const 0
   local.get $0
   i32.load8_u
   i32.const 7
   i32.ne
   br_if $__inlined_func$assembly/builtins/sets/allSets$451
   drop
   local.get $0
   i32.load offset=4
   local.set $2
   loop $for-loop|0
    local.get $1
    local.get $2
    i32.lt_u
    if
     i32.const 0
     local.get $0
     i32.load offset=16
     local.get $1
     i32.const 2
     i32.shl
     i32.add
     i32.load
     i32.load
     i32.load8_u
     i32.const 7
     i32.ne
     br_if $__inlined_func$assembly/builtins/sets/allSets$451
     drop
     local.get $1
     i32.const 1
     i32.add
     local.set $1
     br $for-loop|0
    end
   end
   i32.const 1
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=4
  local.tee $3
  i32.eqz
  if
   i32.const 7
   i32.const 0
   call $assembly/table/tableNew
   return
  end
  local.get $0
  i32.load offset=16
  i32.load
  i32.load
  local.set $1
  i32.const 1
  local.set $2
  loop $for-loop|00
   local.get $2
   local.get $3
   i32.lt_u
   if
    local.get $1
    local.get $0
    i32.load offset=16
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.load
    call $assembly/builtins/sets/intersect
    local.set $1
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|00
   end
  end
  local.get $3
  i32.const 1
  i32.eq
  if
   i32.const 7
   i32.const 0
   call $assembly/table/tableNew
   local.tee $0
   local.get $1
   call $assembly/builtins/sets/addAll
   local.get $0
   return
  end
  local.get $1
 )
 (func $assembly/builtins/sets/opa_set_union (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  local.get $0
  i32.load8_u
  i32.const 7
  i32.ne
  if (result i32)
   i32.const 1
  else
   local.get $1
   i32.load8_u
   i32.const 7
   i32.ne
  end
  if
   i32.const 0
   return
  end
  i32.const 7
  i32.const 0
  call $assembly/table/tableNew
  local.tee $2
  local.get $0
  call $assembly/builtins/sets/addAll
  local.get $2
  local.get $1
  call $assembly/builtins/sets/addAll
  local.get $2
 )
 (func $assembly/builtins/sets/opa_set_intersection (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 7
  i32.ne
  if (result i32)
   i32.const 1
  else
   local.get $1
   i32.load8_u
   i32.const 7
   i32.ne
  end
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  call $assembly/builtins/sets/intersect
 )
 (func $assembly/builtins/objects/opa_builtin_object_union (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 6
  i32.ne
  if (result i32)
   i32.const 1
  else
   local.get $1
   i32.load8_u
   i32.const 6
   i32.ne
  end
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  call $assembly/builtins/objects/unionObjects
 )
 (func $assembly/builtins/objects/opa_builtin_object_remove (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.load8_u
  i32.const 6
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $1
  i32.load8_u
  local.tee $3
  i32.const 7
  i32.ne
  local.get $3
  i32.const 5
  i32.ne
  i32.and
  local.get $3
  i32.const 6
  i32.ne
  i32.and
  if
   i32.const 0
   return
  end
  local.get $0
  call $assembly/access/opa_value_shallow_copy
  local.set $2
  local.get $3
  i32.const 5
  i32.eq
  if
   local.get $1
   i32.load offset=4
   local.set $3
   i32.const 0
   local.set $0
   loop $for-loop|0
    local.get $0
    local.get $3
    i32.lt_u
    if
     local.get $2
     local.get $1
     i32.load offset=12
     local.get $0
     i32.const 2
     i32.shl
     i32.add
     i32.load
     call $assembly/table/tableRemove
     local.get $0
     i32.const 1
     i32.add
     local.set $0
     br $for-loop|0
    end
   end
  else
   local.get $1
   i32.load offset=4
   local.set $3
   i32.const 0
   local.set $0
   loop $for-loop|1
    local.get $0
    local.get $3
    i32.lt_u
    if
     local.get $2
     local.get $1
     i32.load offset=16
     local.get $0
     i32.const 2
     i32.shl
     i32.add
     i32.load
     i32.load
     call $assembly/table/tableRemove
     local.get $0
     i32.const 1
     i32.add
     local.set $0
     br $for-loop|1
    end
   end
  end
  local.get $2
 )
 (func $assembly/builtins/objects/opa_builtin_object_keys (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.load8_u
  i32.const 6
  i32.ne
  if
   i32.const 0
   return
  end
  i32.const 7
  i32.const 0
  call $assembly/table/tableNew
  local.set $2
  local.get $0
  i32.load offset=4
  local.set $3
  loop $for-loop|0
   local.get $1
   local.get $3
   i32.lt_u
   if
    local.get $2
    local.get $0
    i32.load offset=16
    local.get $1
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.load
    i32.const 0
    call $assembly/table/tableInsert
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  local.get $2
 )
 (func $assembly/builtins/objects/opa_builtin_object_get (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  (local $4 i32)
  local.get $0
  i32.load8_u
  i32.const 6
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $1
  i32.load8_u
  i32.const 5
  i32.ne
  if
   local.get $0
   local.get $1
   call $assembly/access/opa_value_get
   local.tee $0
   local.get $2
   local.get $0
   select
   return
  end
  local.get $1
  i32.load offset=4
  local.set $4
  loop $for-loop|0
   local.get $0
   i32.const 0
   i32.ne
   local.get $3
   local.get $4
   i32.lt_u
   i32.and
   if
    local.get $0
    local.get $1
    i32.load offset=12
    local.get $3
    i32.const 2
    i32.shl
    i32.add
    i32.load
    call $assembly/access/opa_value_get
    local.set $0
    local.get $3
    i32.const 1
    i32.add
    local.set $3
    br $for-loop|0
   end
  end
  local.get $0
  local.get $2
  local.get $0
  select
 )
 (func $assembly/builtins/objects/opa_array_slice (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i64)
  (local $4 i64)
  (local $5 i64)
  local.get $0
  i32.load8_u
  i32.const 5
  i32.ne
  if (result i32)
   i32.const 1
  else
   local.get $1
   i32.load8_u
   i32.const 3
   i32.ne
  end
  if (result i32)
   i32.const 1
  else
   local.get $2
   i32.load8_u
   i32.const 3
   i32.ne
  end
  if
   i32.const 0
   return
  end
  local.get $1
  call $assembly/number/numberTryInt
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/number/tryIntResult
  local.set $3
  local.get $2
  call $assembly/number/numberTryInt
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i64.load32_u offset=4
  local.tee $4
  global.get $assembly/number/tryIntResult
  local.tee $5
  local.get $4
  local.get $5
  i64.lt_s
  select
  local.tee $4
  local.get $3
  i64.const 0
  local.get $3
  i64.const 0
  i64.ge_s
  select
  local.tee $3
  i64.sub
  i32.wrap_i64
  i32.const 0
  local.get $3
  local.get $4
  i64.lt_s
  select
  call $assembly/value/opa_array_with_cap
  local.set $1
  loop $for-loop|0
   local.get $3
   local.get $4
   i64.lt_s
   if
    local.get $1
    local.get $0
    i32.load offset=12
    local.get $3
    i32.wrap_i64
    i32.const 2
    i32.shl
    i32.add
    i32.load
    call $assembly/array/opa_array_append
    local.get $3
    i64.const 1
    i64.add
    local.set $3
    br $for-loop|0
   end
  end
  local.get $1
 )
 (func $assembly/builtins/objects/opa_array_reverse (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  local.get $0
  i32.load8_u
  i32.const 5
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=4
  local.tee $1
  call $assembly/value/opa_array_with_cap
  local.set $2
  loop $for-loop|0
   local.get $1
   if
    local.get $2
    local.get $0
    i32.load offset=12
    local.get $1
    i32.const 1
    i32.sub
    local.tee $1
    i32.const 2
    i32.shl
    i32.add
    i32.load
    call $assembly/array/opa_array_append
    br $for-loop|0
   end
  end
  local.get $2
 )
 (func $assembly/builtins/objects/opa_array_concat (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  local.get $0
  i32.load8_u
  i32.const 5
  i32.ne
  if (result i32)
   i32.const 1
  else
   local.get $1
   i32.load8_u
   i32.const 5
   i32.ne
  end
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=4
  local.tee $4
  local.get $1
  i32.load offset=4
  local.tee $5
  i32.add
  call $assembly/value/opa_array_with_cap
  local.set $2
  loop $for-loop|0
   local.get $3
   local.get $4
   i32.lt_u
   if
    local.get $2
    local.get $0
    i32.load offset=12
    local.get $3
    i32.const 2
    i32.shl
    i32.add
    i32.load
    call $assembly/array/opa_array_append
    local.get $3
    i32.const 1
    i32.add
    local.set $3
    br $for-loop|0
   end
  end
  i32.const 0
  local.set $0
  loop $for-loop|1
   local.get $0
   local.get $5
   i32.lt_u
   if
    local.get $2
    local.get $1
    i32.load offset=12
    local.get $0
    i32.const 2
    i32.shl
    i32.add
    i32.load
    call $assembly/array/opa_array_append
    local.get $0
    i32.const 1
    i32.add
    local.set $0
    br $for-loop|1
   end
  end
  local.get $2
 )
 (func $assembly/builtins/member/opa_builtin_member_with_key (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  local.get $2
  i32.load8_u
  local.tee $3
  i32.const 6
  i32.ne
  local.get $3
  i32.const 5
  i32.ne
  i32.and
  local.get $3
  i32.const 7
  i32.ne
  i32.and
  if
   i32.const 8
   call $assembly/malloc/opa_malloc
   local.tee $0
   i32.const 2
   i32.store8
   local.get $0
   i32.const 0
   i32.store8 offset=1
   local.get $0
   return
  end
  local.get $2
  local.get $0
  call $assembly/access/opa_value_get
  local.tee $0
  if (result i32)
   local.get $0
   local.get $1
   call $assembly/compare/opa_value_compare
  else
   i32.const 1
  end
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.eqz
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/member/opa_builtin_member (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  block $folding-inner0
   block $break|0
    block $case2|0
     block $case1|0
      block $case0|0
       local.get $1
       i32.load8_u
       i32.const 5
       i32.sub
       br_table $case0|0 $case2|0 $case1|0 $break|0
      end
      local.get $1
      i32.load offset=4
      local.set $3
      loop $for-loop|1
       local.get $2
       local.get $3
       i32.lt_u
       if
        local.get $1
        i32.load offset=12
        local.get $2
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.get $0
        call $assembly/compare/opa_value_compare
        i32.eqz
        br_if $folding-inner0
        local.get $2
        i32.const 1
        i32.add
        local.set $2
        br $for-loop|1
       end
      end
      br $break|0
     end
     local.get $1
     local.get $0
     call $assembly/table/tableFind
     i32.const 0
     i32.ne
     local.set $0
     i32.const 8
     call $assembly/malloc/opa_malloc
     local.tee $1
     i32.const 2
     i32.store8
     local.get $1
     local.get $0
     i32.store8 offset=1
     local.get $1
     return
    end
    local.get $1
    i32.load offset=4
    local.set $3
    loop $for-loop|2
     local.get $2
     local.get $3
     i32.lt_u
     if
      local.get $1
      i32.load offset=16
      local.get $2
      i32.const 2
      i32.shl
      i32.add
      i32.load
      i32.load offset=4
      local.get $0
      call $assembly/compare/opa_value_compare
      i32.eqz
      br_if $folding-inner0
      local.get $2
      i32.const 1
      i32.add
      local.set $2
      br $for-loop|2
     end
    end
   end
   i32.const 8
   call $assembly/malloc/opa_malloc
   local.tee $0
   i32.const 2
   i32.store8
   local.get $0
   i32.const 0
   i32.store8 offset=1
   local.get $0
   return
  end
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $0
  i32.const 2
  i32.store8
  local.get $0
  i32.const 1
  i32.store8 offset=1
  local.get $0
 )
 (func $assembly/builtins/compare/opa_cmp_neq (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/compare/opa_value_compare
  i32.const 0
  i32.ne
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/compare/opa_cmp_lte (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/compare/opa_value_compare
  i32.const 0
  i32.le_s
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/compare/opa_cmp_lt (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/compare/opa_value_compare
  i32.const 0
  i32.lt_s
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/compare/opa_cmp_gte (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/compare/opa_value_compare
  i32.const 0
  i32.ge_s
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/compare/opa_cmp_gt (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/compare/opa_value_compare
  i32.const 0
  i32.gt_s
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/compare/opa_cmp_eq (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  local.get $1
  call $assembly/compare/opa_value_compare
  i32.eqz
  local.set $0
  i32.const 8
  call $assembly/malloc/opa_malloc
  local.tee $1
  i32.const 2
  i32.store8
  local.get $1
  local.get $0
  i32.store8 offset=1
  local.get $1
 )
 (func $assembly/builtins/arithmetic/opa_numbers_range (param $0 i32) (param $1 i32) (result i32)
  (local $2 i64)
  (local $3 i64)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 3
   i32.eq
  else
   i32.const 0
  end
  if (result i32)
   local.get $0
   local.get $1
   call $assembly/builtins/arithmetic/bothInts
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/builtins/arithmetic/intA
  global.get $assembly/builtins/arithmetic/intB
  i64.le_s
  if (result i64)
   global.get $assembly/builtins/arithmetic/intB
   global.get $assembly/builtins/arithmetic/intA
   i64.sub
   i64.const 1
   i64.add
  else
   global.get $assembly/builtins/arithmetic/intA
   global.get $assembly/builtins/arithmetic/intB
   i64.sub
   i64.const 1
   i64.add
  end
  local.tee $2
  i32.wrap_i64
  i32.const 0
  local.get $2
  i64.const 16777216
  i64.lt_s
  local.get $2
  i64.const 0
  i64.gt_s
  i32.and
  select
  call $assembly/value/opa_array_with_cap
  local.set $0
  i64.const 1
  i64.const -1
  global.get $assembly/builtins/arithmetic/intA
  global.get $assembly/builtins/arithmetic/intB
  i64.le_s
  select
  local.set $3
  global.get $assembly/builtins/arithmetic/intA
  local.set $2
  loop $for-loop|0
   local.get $0
   local.get $2
   call $assembly/value/opa_number_int
   call $assembly/array/opa_array_append
   global.get $assembly/builtins/arithmetic/intB
   local.get $2
   i64.ne
   if
    local.get $2
    local.get $3
    i64.add
    local.set $2
    br $for-loop|0
   end
  end
  local.get $0
 )
 (func $assembly/builtins/arithmetic/opa_arith_round (param $0 i32) (result i32)
  (local $1 f64)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $0
  call $assembly/number/numberTryInt
  if
   global.get $assembly/number/tryIntResult
   call $assembly/value/opa_number_int
   return
  end
  f64.const 0.5
  local.get $0
  call $assembly/number/numberToF64
  local.tee $1
  f64.sub
  f64.floor
  f64.neg
  local.get $1
  f64.const 0.5
  f64.add
  f64.floor
  local.get $1
  f64.const 0
  f64.lt
  select
  local.tee $1
  local.get $1
  f64.sub
  f64.const 0
  f64.ne
  if (result i32)
   i32.const 0
  else
   local.get $1
   call $assembly/value/opa_number_float
  end
 )
 (func $assembly/builtins/arithmetic/opa_arith_rem (param $0 i32) (param $1 i32) (result i32)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 3
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  call $assembly/builtins/arithmetic/bothInts
  if (result i64)
   global.get $assembly/builtins/arithmetic/intB
  else
   i64.const 0
  end
  i64.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/builtins/arithmetic/intB
  i64.const -1
  i64.eq
  if
   i64.const 0
   call $assembly/value/opa_number_int
   return
  end
  global.get $assembly/builtins/arithmetic/intA
  global.get $assembly/builtins/arithmetic/intB
  i64.rem_s
  call $assembly/value/opa_number_int
 )
 (func $assembly/builtins/arithmetic/opa_arith_plus (param $0 i32) (param $1 i32) (result i32)
  (local $2 i64)
  (local $3 f64)
  (local $4 i32)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 3
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  call $assembly/builtins/arithmetic/bothInts
  if
   global.get $assembly/builtins/arithmetic/intA
   global.get $assembly/builtins/arithmetic/intB
   i64.add
   local.tee $2
   global.get $assembly/builtins/arithmetic/intA
   i64.xor
   global.get $assembly/builtins/arithmetic/intB
   local.get $2
   i64.xor
   i64.and
   i64.const 0
   i64.ge_s
   if
    local.get $2
    call $assembly/value/opa_number_int
    return
   end
  end
  local.get $0
  local.get $1
  i32.const 0
  call $assembly/bigint/bigAdd
  local.tee $4
  if (result i32)
   local.get $4
  else
   local.get $0
   call $assembly/number/numberToF64
   local.get $1
   call $assembly/number/numberToF64
   f64.add
   local.tee $3
   local.get $3
   f64.sub
   f64.const 0
   f64.ne
   if (result i32)
    i32.const 0
   else
    local.get $3
    call $assembly/value/opa_number_float
   end
  end
 )
 (func $assembly/builtins/arithmetic/opa_arith_multiply (param $0 i32) (param $1 i32) (result i32)
  (local $2 i64)
  (local $3 f64)
  (local $4 i32)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 3
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  call $assembly/builtins/arithmetic/bothInts
  if
   global.get $assembly/builtins/arithmetic/intA
   local.tee $2
   i64.const 2147483648
   i64.lt_s
   local.get $2
   i64.const -2147483648
   i64.gt_s
   i32.and
   if (result i32)
    global.get $assembly/builtins/arithmetic/intB
    local.tee $2
    i64.const 2147483648
    i64.lt_s
    local.get $2
    i64.const -2147483648
    i64.gt_s
    i32.and
   else
    i32.const 0
   end
   if
    global.get $assembly/builtins/arithmetic/intA
    global.get $assembly/builtins/arithmetic/intB
    i64.mul
    call $assembly/value/opa_number_int
    return
   end
  end
  local.get $0
  local.get $1
  call $assembly/bigint/bigMul
  local.tee $4
  if (result i32)
   local.get $4
  else
   local.get $0
   call $assembly/number/numberToF64
   local.get $1
   call $assembly/number/numberToF64
   f64.mul
   local.tee $3
   local.get $3
   f64.sub
   f64.const 0
   f64.ne
   if (result i32)
    i32.const 0
   else
    local.get $3
    call $assembly/value/opa_number_float
   end
  end
 )
 (func $assembly/builtins/arithmetic/opa_arith_minus (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 f64)
  (local $5 i32)
  (local $6 i32)
  (local $7 i64)
  local.get $0
  i32.load8_u
  i32.const 7
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 7
   i32.eq
  else
   i32.const 0
  end
  if
   i32.const 7
   i32.const 0
   call $assembly/table/tableNew
   local.set $3
   local.get $0
   i32.load offset=4
   local.set $5
   loop $for-loop|0
    local.get $2
    local.get $5
    i32.lt_u
    if
     local.get $1
     local.get $0
     i32.load offset=16
     local.get $2
     i32.const 2
     i32.shl
     i32.add
     i32.load
     i32.load
     local.tee $6
     call $assembly/table/tableFind
     i32.eqz
     if
      local.get $3
      local.get $6
      i32.const 0
      call $assembly/table/tableInsert
     end
     local.get $2
     i32.const 1
     i32.add
     local.set $2
     br $for-loop|0
    end
   end
   local.get $3
   return
  end
  local.get $0
  i32.load8_u
  i32.const 3
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 3
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  call $assembly/builtins/arithmetic/bothInts
  if
   global.get $assembly/builtins/arithmetic/intA
   global.get $assembly/builtins/arithmetic/intB
   i64.xor
   global.get $assembly/builtins/arithmetic/intA
   global.get $assembly/builtins/arithmetic/intB
   i64.sub
   local.tee $7
   global.get $assembly/builtins/arithmetic/intA
   i64.xor
   i64.and
   i64.const 0
   i64.ge_s
   if
    local.get $7
    call $assembly/value/opa_number_int
    return
   end
  end
  local.get $0
  local.get $1
  i32.const 1
  call $assembly/bigint/bigAdd
  local.tee $2
  if (result i32)
   local.get $2
  else
   local.get $0
   call $assembly/number/numberToF64
   local.get $1
   call $assembly/number/numberToF64
   f64.sub
   local.tee $4
   local.get $4
   f64.sub
   f64.const 0
   f64.ne
   if (result i32)
    i32.const 0
   else
    local.get $4
    call $assembly/value/opa_number_float
   end
  end
 )
 (func $assembly/builtins/arithmetic/opa_arith_floor (param $0 i32) (result i32)
  (local $1 f64)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $0
  call $assembly/number/numberTryInt
  if
   global.get $assembly/number/tryIntResult
   call $assembly/value/opa_number_int
   return
  end
  local.get $0
  call $assembly/number/numberToF64
  f64.floor
  local.tee $1
  local.get $1
  f64.sub
  f64.const 0
  f64.ne
  if (result i32)
   i32.const 0
  else
   local.get $1
   call $assembly/value/opa_number_float
  end
 )
 (func $assembly/builtins/arithmetic/opa_arith_divide (param $0 i32) (param $1 i32) (result i32)
  (local $2 f64)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.eq
  if (result i32)
   local.get $1
   i32.load8_u
   i32.const 3
   i32.eq
  else
   i32.const 0
  end
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $1
  call $assembly/number/numberToF64
  local.tee $2
  f64.const 0
  f64.eq
  if
   i32.const 0
   return
  end
  local.get $0
  local.get $1
  call $assembly/builtins/arithmetic/bothInts
  if (result i32)
   global.get $assembly/builtins/arithmetic/intB
   i64.const 0
   i64.ne
  else
   i32.const 0
  end
  if (result i32)
   global.get $assembly/builtins/arithmetic/intB
   i64.const -1
   i64.eq
   global.get $assembly/builtins/arithmetic/intA
   i64.const -9223372036854775808
   i64.eq
   i32.and
  else
   i32.const 1
  end
  if (result i64)
   i64.const 1
  else
   global.get $assembly/builtins/arithmetic/intA
   global.get $assembly/builtins/arithmetic/intB
   i64.rem_s
  end
  i64.eqz
  if
   global.get $assembly/builtins/arithmetic/intA
   global.get $assembly/builtins/arithmetic/intB
   i64.div_s
   call $assembly/value/opa_number_int
   return
  end
  local.get $0
  call $assembly/number/numberToF64
  local.get $2
  f64.div
  local.tee $2
  local.get $2
  f64.sub
  f64.const 0
  f64.ne
  if (result i32)
   i32.const 0
  else
   local.get $2
   call $assembly/value/opa_number_float
  end
 )
 (func $assembly/builtins/arithmetic/opa_arith_ceil (param $0 i32) (result i32)
  (local $1 f64)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $0
  call $assembly/number/numberTryInt
  if
   global.get $assembly/number/tryIntResult
   call $assembly/value/opa_number_int
   return
  end
  local.get $0
  call $assembly/number/numberToF64
  f64.ceil
  local.tee $1
  local.get $1
  f64.sub
  f64.const 0
  f64.ne
  if (result i32)
   i32.const 0
  else
   local.get $1
   call $assembly/value/opa_number_float
  end
 )
 (func $assembly/builtins/arithmetic/opa_arith_abs (param $0 i32) (result i32)
  (local $1 f64)
  local.get $0
  i32.load8_u
  i32.const 3
  i32.ne
  if
   i32.const 0
   return
  end
  local.get $0
  call $assembly/number/numberTryInt
  if (result i32)
   global.get $assembly/number/tryIntResult
   i64.const -9223372036854775808
   i64.ne
  else
   i32.const 0
  end
  if
   i64.const 0
   global.get $assembly/number/tryIntResult
   i64.sub
   global.get $assembly/number/tryIntResult
   global.get $assembly/number/tryIntResult
   i64.const 0
   i64.lt_s
   select
   call $assembly/value/opa_number_int
   return
  end
  local.get $0
  call $assembly/number/numberToF64
  f64.abs
  local.tee $1
  local.get $1
  f64.sub
  f64.const 0
  f64.ne
  if (result i32)
   i32.const 0
  else
   local.get $1
   call $assembly/value/opa_number_float
  end
 )
 (func $assembly/builtins/aggregates/opa_agg_sum (param $0 i32) (result i32)
  local.get $0
  i32.const 0
  call $assembly/builtins/aggregates/fold
 )
 (func $assembly/builtins/aggregates/opa_agg_sort (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.load8_u
  local.tee $2
  i32.const 7
  i32.eq
  local.get $2
  i32.const 5
  i32.eq
  i32.or
  i32.eqz
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=4
  local.set $3
  local.get $0
  i32.load8_u
  i32.const 7
  i32.eq
  if
   local.get $0
   call $assembly/table/tableEnsureSorted
  end
  local.get $3
  call $assembly/value/opa_array_with_cap
  local.set $2
  loop $for-loop|0
   local.get $1
   local.get $3
   i32.lt_u
   if
    local.get $2
    local.get $0
    i32.load8_u
    i32.const 5
    i32.eq
    if (result i32)
     local.get $0
     i32.load offset=12
     local.get $1
     i32.const 2
     i32.shl
     i32.add
    else
     local.get $0
     i32.load offset=16
     local.get $1
     i32.const 2
     i32.shl
     i32.add
     i32.load
    end
    i32.load
    call $assembly/array/opa_array_append
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  local.get $0
  i32.load8_u
  i32.const 5
  i32.eq
  if
   local.get $2
   i32.load offset=12
   local.get $3
   i32.const 0
   call $assembly/sort/sortAddresses
  end
  local.get $2
 )
 (func $assembly/builtins/aggregates/opa_agg_product (param $0 i32) (result i32)
  local.get $0
  i32.const 1
  call $assembly/builtins/aggregates/fold
 )
 (func $assembly/builtins/aggregates/opa_agg_min (param $0 i32) (result i32)
  local.get $0
  i32.const -1
  call $assembly/builtins/aggregates/extreme
 )
 (func $assembly/builtins/aggregates/opa_agg_max (param $0 i32) (result i32)
  local.get $0
  i32.const 1
  call $assembly/builtins/aggregates/extreme
 )
 (func $assembly/builtins/aggregates/opa_agg_count (param $0 i32) (result i32)
  block $break|0
   block $case2|0
    block $case1|0
     block $case0|0
      local.get $0
      i32.load8_u
      i32.const 4
      i32.sub
      br_table $case0|0 $case1|0 $case2|0 $case2|0 $break|0
     end
     local.get $0
     i32.load offset=8
     local.get $0
     i32.load offset=4
     call $assembly/utf8/countCodePoints
     i64.extend_i32_u
     call $assembly/value/opa_number_int
     return
    end
    local.get $0
    i64.load32_u offset=4
    call $assembly/value/opa_number_int
    return
   end
   local.get $0
   i64.load32_u offset=4
   call $assembly/value/opa_number_int
   return
  end
  i32.const 0
 )
 (func $assembly/bigint/bigMul (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i32)
  local.get $0
  call $assembly/bigint/integerDigits
  local.tee $12
  i32.eqz
  if
   i32.const 0
   return
  end
  global.get $assembly/bigint/intNeg
  local.set $5
  global.get $assembly/bigint/intLen
  local.set $3
  local.get $1
  call $assembly/bigint/integerDigits
  local.tee $7
  i32.eqz
  if
   block $__inlined_func$assembly/malloc/opa_free$232
    local.get $12
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$232
    global.get $assembly/malloc/heapPtr
    local.get $12
    i32.const 8
    i32.sub
    local.tee $0
    i32.load
    local.tee $1
    local.get $12
    i32.add
    i32.eq
    if
     local.get $0
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$232
    end
    local.get $12
    local.get $1
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $1
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $0
    i32.load
    i32.store
    local.get $0
    local.get $12
    i32.store
   end
   i32.const 0
   return
  end
  global.get $assembly/bigint/intNeg
  local.set $6
  global.get $assembly/bigint/intLen
  local.tee $8
  local.get $3
  i32.add
  local.tee $9
  call $assembly/malloc/opa_malloc
  local.set $10
  local.get $9
  i32.const 2
  i32.shl
  local.tee $0
  call $assembly/malloc/opa_malloc
  local.tee $11
  i32.const 0
  local.get $0
  memory.fill
  local.get $3
  i32.const 1
  i32.sub
  local.set $0
  loop $for-loop|0
   local.get $0
   i32.const 0
   i32.ge_s
   if
    local.get $0
    local.get $12
    i32.add
    i32.load8_u
    i32.const 48
    i32.sub
    local.set $13
    local.get $8
    i32.const 1
    i32.sub
    local.set $1
    loop $for-loop|1
     local.get $1
     i32.const 0
     i32.ge_s
     if
      local.get $11
      local.get $0
      local.get $1
      i32.add
      i32.const 1
      i32.add
      i32.const 2
      i32.shl
      i32.add
      local.tee $14
      local.get $14
      i32.load
      local.get $13
      local.get $1
      local.get $7
      i32.add
      i32.load8_u
      i32.const 48
      i32.sub
      i32.mul
      i32.add
      i32.store
      local.get $1
      i32.const 1
      i32.sub
      local.set $1
      br $for-loop|1
     end
    end
    local.get $9
    i32.const 1
    i32.sub
    local.set $1
    loop $for-loop|2
     local.get $1
     i32.const 0
     i32.gt_s
     if
      local.get $11
      local.get $1
      i32.const 2
      i32.shl
      i32.add
      local.tee $13
      i32.load
      local.tee $14
      i32.const 10
      i32.ge_u
      if
       local.get $13
       local.get $14
       i32.const 10
       i32.rem_u
       i32.store
       local.get $13
       i32.const 4
       i32.sub
       local.tee $13
       local.get $13
       i32.load
       local.get $14
       i32.const 10
       i32.div_u
       i32.add
       i32.store
      end
      local.get $1
      i32.const 1
      i32.sub
      local.set $1
      br $for-loop|2
     end
    end
    local.get $0
    i32.const 1
    i32.sub
    local.set $0
    br $for-loop|0
   end
  end
  loop $for-loop|3
   local.get $2
   local.get $9
   i32.lt_s
   if
    local.get $2
    local.get $10
    i32.add
    local.get $11
    local.get $2
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.const 48
    i32.add
    i32.store8
    local.get $2
    i32.const 1
    i32.add
    local.set $2
    br $for-loop|3
   end
  end
  block $__inlined_func$assembly/malloc/opa_free$231
   local.get $11
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$231
   global.get $assembly/malloc/heapPtr
   local.get $11
   i32.const 8
   i32.sub
   local.tee $0
   i32.load
   local.tee $1
   local.get $11
   i32.add
   i32.eq
   if
    local.get $0
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$231
   end
   local.get $11
   local.get $1
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $1
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $0
   i32.load
   i32.store
   local.get $0
   local.get $11
   i32.store
  end
  i32.const 1
  local.set $1
  loop $for-loop|00
   local.get $1
   local.get $4
   local.get $3
   local.get $8
   i32.add
   i32.lt_s
   i32.and
   if
    local.get $1
    i32.const 0
    local.get $4
    local.get $10
    i32.add
    i32.load8_u
    i32.const 48
    i32.eq
    select
    local.set $1
    local.get $4
    i32.const 1
    i32.add
    local.set $4
    br $for-loop|00
   end
  end
  local.get $1
  i32.eqz
  local.get $5
  local.get $6
  i32.ne
  i32.and
  local.get $10
  local.get $3
  local.get $8
  i32.add
  call $assembly/bigint/numberFromDigits
  block $__inlined_func$assembly/malloc/opa_free$233
   local.get $10
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$233
   global.get $assembly/malloc/heapPtr
   local.get $10
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $2
   local.get $10
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$233
   end
   local.get $10
   local.get $2
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $2
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $10
   i32.store
  end
  block $__inlined_func$assembly/malloc/opa_free$234
   local.get $7
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$234
   global.get $assembly/malloc/heapPtr
   local.get $7
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $2
   local.get $7
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$234
   end
   local.get $7
   local.get $2
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $2
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $7
   i32.store
  end
  block $__inlined_func$assembly/malloc/opa_free$235
   local.get $12
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$235
   global.get $assembly/malloc/heapPtr
   local.get $12
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $2
   local.get $12
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$235
   end
   local.get $12
   local.get $2
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $2
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $12
   i32.store
  end
 )
 (func $assembly/bigint/addSigned (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (result i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  local.get $1
  local.get $4
  local.get $1
  local.get $4
  i32.gt_s
  select
  i32.const 1
  i32.add
  local.tee $11
  call $assembly/malloc/opa_malloc
  local.tee $10
  local.get $11
  i32.add
  local.get $2
  i32.const 0
  i32.ne
  local.get $5
  i32.const 0
  i32.ne
  i32.eq
  if (result i32)
   i32.const 0
   local.set $5
   local.get $11
   i32.const 1
   i32.sub
   local.set $6
   local.get $1
   i32.const 1
   i32.sub
   local.set $1
   local.get $4
   i32.const 1
   i32.sub
   local.set $4
   loop $for-loop|0
    local.get $1
    local.get $4
    i32.and
    i32.const 0
    i32.ge_s
    local.get $5
    i32.or
    if
     local.get $6
     local.get $10
     i32.add
     local.get $1
     i32.const 0
     i32.ge_s
     if (result i32)
      local.get $0
      local.get $1
      i32.add
      i32.load8_u
      i32.const 48
      i32.sub
     else
      i32.const 0
     end
     local.set $8
     local.get $4
     i32.const 0
     i32.ge_s
     if (result i32)
      local.get $3
      local.get $4
      i32.add
      i32.load8_u
      i32.const 48
      i32.sub
     else
      i32.const 0
     end
     local.get $8
     i32.add
     local.get $5
     i32.add
     local.tee $5
     i32.const 10
     i32.rem_s
     i32.const 48
     i32.add
     i32.store8
     local.get $5
     i32.const 10
     i32.div_s
     local.set $5
     local.get $1
     i32.const 1
     i32.sub
     local.set $1
     local.get $4
     i32.const 1
     i32.sub
     local.set $4
     local.get $6
     i32.const 1
     i32.sub
     local.set $6
     br $for-loop|0
    end
   end
   local.get $10
   local.get $6
   i32.const 1
   i32.add
   i32.add
  else
   local.get $1
   local.get $4
   i32.ne
   if (result i32)
    i32.const -1
    i32.const 1
    local.get $1
    local.get $4
    i32.lt_s
    select
   else
    local.get $1
    local.set $6
    local.get $3
    local.set $8
    block $~lib/util/memory/memcmp|inlined.1
     local.get $0
     local.tee $7
     local.get $3
     i32.eq
     br_if $~lib/util/memory/memcmp|inlined.1
     local.get $7
     i32.const 7
     i32.and
     local.get $3
     i32.const 7
     i32.and
     i32.eq
     if
      loop $while-continue|0
       local.get $7
       i32.const 7
       i32.and
       if
        i32.const 0
        local.set $9
        local.get $6
        i32.eqz
        br_if $~lib/util/memory/memcmp|inlined.1
        local.get $7
        i32.load8_u
        local.tee $12
        local.get $8
        i32.load8_u
        local.tee $13
        i32.sub
        local.set $9
        local.get $12
        local.get $13
        i32.ne
        br_if $~lib/util/memory/memcmp|inlined.1
        local.get $6
        i32.const 1
        i32.sub
        local.set $6
        local.get $7
        i32.const 1
        i32.add
        local.set $7
        local.get $8
        i32.const 1
        i32.add
        local.set $8
        br $while-continue|0
       end
      end
      loop $while-continue|1
       local.get $6
       i32.const 8
       i32.ge_u
       if
        local.get $7
        i64.load
        local.get $8
        i64.load
        i64.eq
        if
         local.get $7
         i32.const 8
         i32.add
         local.set $7
         local.get $8
         i32.const 8
         i32.add
         local.set $8
         local.get $6
         i32.const 8
         i32.sub
         local.set $6
         br $while-continue|1
        end
       end
      end
     end
     loop $while-continue|2
      local.get $6
      local.tee $9
      i32.const 1
      i32.sub
      local.set $6
      local.get $9
      if
       local.get $7
       i32.load8_u
       local.tee $12
       local.get $8
       i32.load8_u
       local.tee $13
       i32.sub
       local.set $9
       local.get $12
       local.get $13
       i32.ne
       br_if $~lib/util/memory/memcmp|inlined.1
       local.get $7
       i32.const 1
       i32.add
       local.set $7
       local.get $8
       i32.const 1
       i32.add
       local.set $8
       br $while-continue|2
      end
     end
     i32.const 0
     local.set $9
    end
    i32.const -1
    local.get $9
    i32.const 0
    i32.gt_s
    local.get $9
    i32.const 0
    i32.lt_s
    select
   end
   i32.const 0
   i32.ge_s
   if (result i32)
    local.get $0
    local.get $1
    local.get $3
    local.get $4
    local.get $10
    local.get $11
    call $assembly/bigint/subMagnitude
   else
    local.get $5
    local.set $2
    local.get $3
    local.get $4
    local.get $0
    local.get $1
    local.get $10
    local.get $11
    call $assembly/bigint/subMagnitude
   end
  end
  local.tee $0
  i32.sub
  local.set $4
  i32.const 1
  local.set $1
  i32.const 0
  local.set $3
  loop $for-loop|00
   local.get $1
   local.get $3
   local.get $4
   i32.lt_s
   i32.and
   if
    local.get $1
    i32.const 0
    local.get $0
    local.get $3
    i32.add
    i32.load8_u
    i32.const 48
    i32.eq
    select
    local.set $1
    local.get $3
    i32.const 1
    i32.add
    local.set $3
    br $for-loop|00
   end
  end
  local.get $1
  i32.const 1
  local.get $2
  select
  i32.eqz
  local.get $0
  local.get $4
  call $assembly/bigint/numberFromDigits
  block $__inlined_func$assembly/malloc/opa_free$225
   local.get $10
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$225
   global.get $assembly/malloc/heapPtr
   local.get $10
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $2
   local.get $10
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$225
   end
   local.get $10
   local.get $2
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $2
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $10
   i32.store
  end
 )
 (func $assembly/array/opa_array_get (param $0 i32) (param $1 i32) (result i32)
  local.get $1
  i32.const 0
  i32.lt_s
  if (result i32)
   i32.const 1
  else
   local.get $1
   local.get $0
   i32.load offset=4
   i32.ge_u
  end
  if
   i32.const 0
   return
  end
  local.get $0
  i32.load offset=12
  local.get $1
  i32.const 2
  i32.shl
  i32.add
  i32.load
 )
 (func $assembly/access/opa_value_length (param $0 i32) (result i32)
  block $break|0
   block $case3|0
    block $case1|0
     block $case0|0
      local.get $0
      i32.load8_u
      i32.const 4
      i32.sub
      br_table $case3|0 $case0|0 $case1|0 $case1|0 $break|0
     end
     local.get $0
     i32.load offset=4
     return
    end
    local.get $0
    i32.load offset=4
    return
   end
   local.get $0
   i32.load offset=4
   return
  end
  i32.const 0
 )
 (func $assembly/access/opa_value_iter (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  local.get $0
  i32.eqz
  if
   i32.const 0
   return
  end
  block $break|0
   block $case1|0
    block $case0|0
     local.get $0
     i32.load8_u
     i32.const 5
     i32.sub
     br_table $case0|0 $case1|0 $case1|0 $break|0
    end
    local.get $0
    i32.load offset=4
    local.set $0
    local.get $1
    i32.eqz
    if
     local.get $0
     if (result i32)
      i64.const 0
      call $assembly/value/opa_number_int
     else
      i32.const 0
     end
     return
    end
    local.get $1
    local.get $0
    call $assembly/access/arrayIndex
    local.tee $1
    i32.const 0
    i32.lt_s
    local.get $1
    i32.const 1
    i32.add
    local.get $0
    i32.ge_u
    i32.or
    if (result i32)
     i32.const 0
    else
     local.get $1
     i32.const 1
     i32.add
     i64.extend_i32_s
     call $assembly/value/opa_number_int
    end
    return
   end
   local.get $0
   i32.load offset=4
   local.tee $2
   i32.eqz
   if
    i32.const 0
    return
   end
   local.get $0
   call $assembly/table/tableEnsureSorted
   local.get $2
   local.get $1
   if (result i32)
    local.get $0
    call $assembly/table/tableEnsureSorted
    local.get $0
    i32.load offset=4
    i32.const 1
    i32.sub
    local.set $4
    block $__inlined_func$assembly/table/tableSortedIndex$416
     loop $while-continue|0
      local.get $3
      local.get $4
      i32.le_s
      if
       local.get $0
       i32.load offset=16
       local.get $3
       local.get $4
       i32.add
       i32.const 1
       i32.shr_u
       local.tee $2
       i32.const 2
       i32.shl
       i32.add
       i32.load
       i32.load
       local.get $1
       call $assembly/compare/opa_value_compare
       local.tee $5
       i32.eqz
       br_if $__inlined_func$assembly/table/tableSortedIndex$416
       local.get $5
       i32.const 0
       i32.lt_s
       if
        local.get $2
        i32.const 1
        i32.add
        local.set $3
       else
        local.get $2
        i32.const 1
        i32.sub
        local.set $4
       end
       br $while-continue|0
      end
     end
     i32.const -1
     local.set $2
    end
    local.get $2
    i32.const 0
    i32.lt_s
    if
     i32.const 0
     return
    end
    local.get $2
    i32.const 1
    i32.add
   else
    i32.const 0
   end
   local.tee $1
   i32.gt_u
   if (result i32)
    local.get $0
    i32.load offset=16
    local.get $1
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.load
   else
    i32.const 0
   end
   return
  end
  i32.const 0
 )
 (func $assembly/access/opa_value_free (param $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  local.get $0
  i32.eqz
  if
   return
  end
  block $break|0
   block $case1|0
    block $case0|0
     local.get $0
     i32.load8_u
     i32.const 5
     i32.sub
     br_table $case0|0 $case1|0 $case1|0 $break|0
    end
    block $__inlined_func$assembly/malloc/opa_free$80
     local.get $0
     i32.load offset=12
     local.tee $1
     i32.eqz
     br_if $__inlined_func$assembly/malloc/opa_free$80
     global.get $assembly/malloc/heapPtr
     local.get $1
     i32.const 8
     i32.sub
     local.tee $2
     i32.load
     local.tee $3
     local.get $1
     i32.add
     i32.eq
     if
      local.get $2
      global.set $assembly/malloc/heapPtr
      br $__inlined_func$assembly/malloc/opa_free$80
     end
     local.get $1
     local.get $3
     i32.const 256
     i32.le_u
     if (result i32)
      local.get $3
      i32.const 3
      i32.shr_u
      i32.const 2
      i32.shl
      i32.const 1024
      i32.add
     else
      i32.const 1156
     end
     local.tee $2
     i32.load
     i32.store
     local.get $2
     local.get $1
     i32.store
    end
    br $break|0
   end
   local.get $0
   i32.load offset=4
   local.set $4
   loop $for-loop|1
    local.get $1
    local.get $4
    i32.lt_u
    if
     block $__inlined_func$assembly/malloc/opa_free$83
      local.get $0
      i32.load offset=16
      local.get $1
      i32.const 2
      i32.shl
      i32.add
      i32.load
      local.tee $2
      i32.eqz
      br_if $__inlined_func$assembly/malloc/opa_free$83
      global.get $assembly/malloc/heapPtr
      local.get $2
      i32.const 8
      i32.sub
      local.tee $5
      i32.load
      local.tee $3
      local.get $2
      i32.add
      i32.eq
      if
       local.get $5
       global.set $assembly/malloc/heapPtr
       br $__inlined_func$assembly/malloc/opa_free$83
      end
      local.get $2
      local.get $3
      i32.const 256
      i32.le_u
      if (result i32)
       local.get $3
       i32.const 3
       i32.shr_u
       i32.const 2
       i32.shl
       i32.const 1024
       i32.add
      else
       i32.const 1156
      end
      local.tee $3
      i32.load
      i32.store
      local.get $3
      local.get $2
      i32.store
     end
     local.get $1
     i32.const 1
     i32.add
     local.set $1
     br $for-loop|1
    end
   end
   block $__inlined_func$assembly/malloc/opa_free$84
    local.get $0
    i32.load offset=16
    local.tee $1
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$84
    global.get $assembly/malloc/heapPtr
    local.get $1
    i32.const 8
    i32.sub
    local.tee $2
    i32.load
    local.tee $3
    local.get $1
    i32.add
    i32.eq
    if
     local.get $2
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$84
    end
    local.get $1
    local.get $3
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $3
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $2
    i32.load
    i32.store
    local.get $2
    local.get $1
    i32.store
   end
   block $__inlined_func$assembly/malloc/opa_free$85
    local.get $0
    i32.load offset=8
    local.tee $1
    i32.eqz
    br_if $__inlined_func$assembly/malloc/opa_free$85
    global.get $assembly/malloc/heapPtr
    local.get $1
    i32.const 8
    i32.sub
    local.tee $2
    i32.load
    local.tee $3
    local.get $1
    i32.add
    i32.eq
    if
     local.get $2
     global.set $assembly/malloc/heapPtr
     br $__inlined_func$assembly/malloc/opa_free$85
    end
    local.get $1
    local.get $3
    i32.const 256
    i32.le_u
    if (result i32)
     local.get $3
     i32.const 3
     i32.shr_u
     i32.const 2
     i32.shl
     i32.const 1024
     i32.add
    else
     i32.const 1156
    end
    local.tee $2
    i32.load
    i32.store
    local.get $2
    local.get $1
    i32.store
   end
  end
  block $__inlined_func$assembly/malloc/opa_free$86
   local.get $0
   i32.eqz
   br_if $__inlined_func$assembly/malloc/opa_free$86
   global.get $assembly/malloc/heapPtr
   local.get $0
   i32.const 8
   i32.sub
   local.tee $1
   i32.load
   local.tee $2
   local.get $0
   i32.add
   i32.eq
   if
    local.get $1
    global.set $assembly/malloc/heapPtr
    br $__inlined_func$assembly/malloc/opa_free$86
   end
   local.get $0
   local.get $2
   i32.const 256
   i32.le_u
   if (result i32)
    local.get $2
    i32.const 3
    i32.shr_u
    i32.const 2
    i32.shl
    i32.const 1024
    i32.add
   else
    i32.const 1156
   end
   local.tee $1
   i32.load
   i32.store
   local.get $1
   local.get $0
   i32.store
  end
 )
 (func $assembly/access/opa_object_keys (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  local.get $0
  i32.load offset=4
  local.set $2
  local.get $0
  call $assembly/table/tableEnsureSorted
  local.get $2
  call $assembly/value/opa_array_with_cap
  local.set $3
  loop $for-loop|0
   local.get $1
   local.get $2
   i32.lt_u
   if
    local.get $3
    local.get $0
    i32.load offset=16
    local.get $1
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.load
    call $assembly/array/opa_array_append
    local.get $1
    i32.const 1
    i32.add
    local.set $1
    br $for-loop|0
   end
  end
  local.get $3
 )
 (func $assembly/abort/opa_runtime_error (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  loop $while-continue|0
   local.get $0
   local.get $4
   i32.add
   i32.load8_u
   if
    local.get $4
    i32.const 1
    i32.add
    local.set $4
    br $while-continue|0
   end
  end
  loop $while-continue|01
   local.get $3
   local.get $5
   i32.add
   i32.load8_u
   if
    local.get $5
    i32.const 1
    i32.add
    local.set $5
    br $while-continue|01
   end
  end
  local.get $4
  local.get $5
  i32.add
  i32.const 32
  i32.add
  call $assembly/malloc/opa_malloc
  local.tee $6
  local.get $0
  local.get $4
  memory.copy
  local.get $4
  local.get $6
  i32.add
  local.tee $0
  i32.const 58
  i32.store8
  local.get $0
  i32.const 1
  i32.add
  local.get $1
  call $assembly/abort/writeDecimal
  local.tee $0
  i32.const 58
  i32.store8
  local.get $0
  i32.const 1
  i32.add
  local.get $2
  call $assembly/abort/writeDecimal
  local.tee $0
  i32.const 1
  i32.add
  local.set $1
  local.get $0
  i32.const 58
  i32.store8
  local.get $1
  i32.const 32
  i32.store8
  local.get $1
  i32.const 1
  i32.add
  local.tee $0
  local.get $3
  local.get $5
  memory.copy
  local.get $0
  local.get $5
  i32.add
  i32.const 0
  i32.store8
  local.get $6
  call $assembly/env/opa_abort
  unreachable
 )
)

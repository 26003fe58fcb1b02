"""Writes messages.json: the errors graphql-core 3.2 (the library Kraken's GraphQL
view runs) reports for each document below against ../schema.graphql.

Run from sim/graphql with python3 and graphql-core 3.2 installed:
    go test -run TestGraphQLCoreMessages -update   (or: python3 testdata/coremessages/gen.py)
"""
import json
import os
import re

import graphql
from graphql import GraphQLError, build_schema, get_operation_ast, parse, validate
from graphql.execution.values import get_variable_values

HERE = os.path.dirname(os.path.abspath(__file__))

# graphql-core 3.2 does not know @oneOf; the cases below do not use it.
sdl = open(os.path.join(HERE, "..", "schema.graphql")).read()
schema = build_schema(re.sub(r"@oneOf\b", "", sdl))

# Each case is (name, document, variables or None).
CASES = [
    # Syntax errors.
    ("syntax eof", "{viewer{name}", None),
    ("syntax extra brace", "{viewer{name}}}", None),
    ("syntax unexpected paren", "{echo(s:)}", None),
    ("syntax expected name found int", "{ a: 1 }", None),
    ("syntax fragment named on", "{...on} fragment on on User{name}", None),
    ("syntax expected colon", "query Q($a){viewer{name}}", None),
    ("syntax unterminated string", '{echo(s:"abc)}', None),
    ("syntax bad escape", '{echo(s:"\\x")}', None),
    ("syntax unexpected character", "{viewer{name}} ~", None),
    ("syntax bad number", "{echo(f:1.)}", None),
    ("syntax blank", "   ", None),
    ("syntax directive without name", "{viewer{name @}}", None),
    ("syntax variable without name", "query($:Int){viewer{name}}", None),
    ("syntax string where name expected", '{echo(s:"s" "t")}', None),
    ("syntax expected on", "{...F} fragment F User{name}", None),
    ("syntax expected brace", "query Q on", None),
    ("syntax expected bracket", "query($a:[Int){count}", None),
    ("syntax leading zero", "{echo(i:01)}", None),
    ("syntax bad unicode escape", '{echo(s:"\\u12")}', None),
    ("syntax float exponent", "{echo(f:1e)}", None),
    ("syntax second line", "{count}\n{text", None),
    ("syntax fragment named on", "fragment on on User{name}", None),
    ("syntax control character", "{count}\u0007", None),
    ("syntax dollar", "{count} $", None),
    ("syntax unterminated block string", '{echo(s:"""abc)}', None),
    ("syntax empty selection", "{}", None),
    ("syntax missing value", "{echo(s:)}", None),
    ("syntax empty arguments", "{echo()}", None),
    ("syntax empty variables", "query(){count}", None),
    ("syntax empty named variables", "query Q(){count}", None),
    ("syntax bad keyword", "mutatio{count}", None),
    # Fields.
    ("unknown field with suggestion", "{viewer{nme}}", None),
    ("unknown field two suggestions", "{viewer{emai}}", None),
    ("unknown field no suggestion", "{viewer{zzzzzz}}", None),
    ("unknown field suggestions tie", "{nowe}", None),
    ("unknown field suggestions by distance", "{ccount}", None),
    ("unknown field ties", "{viewer{ida}}", None),
    ("unknown root field", "{BAD}", None),
    ("unknown field on interface", '{node(id:"1"){email}}', None),
    ("unknown field on union", '{search(text:"a"){name}}', None),
    ("scalar with subselection", "{viewer{email{x}}}", None),
    ("object without subselection", "{viewer}", None),
    ("list of objects without subselection", "{viewer{accounts}}", None),
    # Arguments.
    ("unknown argument with suggestion", "{viewer{accounts(frist:1){id}}}", None),
    ("unknown argument no suggestion", "{viewer{name(zzzz:1)}}", None),
    ("unknown and missing arguments", "{account(x:1){id}}", None),
    ("unknown directive argument", "{viewer @skip(iff:true){name}}", None),
    ("missing required argument", "{account{id}}", None),
    ("missing directive argument", "{viewer @skip{name}}", None),
    ("duplicate argument", '{echo(s:"a",s:"b")}', None),
    ("wrong literal int", '{echo(i:"x")}', None),
    ("wrong literal string", "{echo(s:1)}", None),
    ("wrong literal boolean", "{echo(b:1)}", None),
    ("wrong literal enum", "{echo(e:FOO)}", None),
    ("wrong literal enum string", '{echo(e:"ACTIVE")}', None),
    ("wrong literal enum with suggestion", "{echo(e:ACTIV)}", None),
    ("unknown input field ties", "{accounts(filter:{limts:1}){id}}", None),
    ("null for non-null argument", "{account(number:null){id}}", None),
    ("unknown input field", "{accounts(filter:{lmit:1}){id}}", None),
    ("missing input field", 'mutation{createUser(input:{name:"a"}){ok}}', None),
    ("duplicate input field", "{accounts(filter:{limit:1,limit:2}){id}}", None),
    # Types and fragments.
    ("unknown variable type", "query($a:Strin){echo(s:$a)}", None),
    ("unknown fragment type", "{...F} fragment F on Usr{name}", None),
    ("unknown inline fragment type", "{viewer{... on Usr{name}}}", None),
    ("unknown fragment", "{...F}", None),
    ("unused fragment before an error", "fragment F on User{name} {viewer{nme}}", None),
    ("unused fragment", "{viewer{name}} fragment F on User{name}", None),
    ("fragment cycle", "{...F} fragment F on Query{...F}", None),
    ("fragment cycle via", "{...A} fragment A on Query{...B} fragment B on Query{...A}", None),
    ("duplicate fragment", "{...F} fragment F on Query{count} fragment F on Query{count}", None),
    ("fragment on scalar", "{...F} fragment F on String{x}", None),
    ("inline fragment on scalar", "{viewer{name{... on String{x}}}}", None),
    ("impossible inline fragment", "{viewer{... on Property{id}}}", None),
    ("impossible fragment spread", "{viewer{...F}} fragment F on Property{id}", None),
    # Variables.
    ("undefined variable", "{account(number:$n){id}}", None),
    ("undefined variable named operation", "query Q{account(number:$n){id}}", None),
    ("unused variable", "query($n:String){viewer{name}}", None),
    ("unused variable named operation", "query Q($n:String){viewer{name}}", None),
    ("variable of wrong type", "query($n:String){account(number:$n){id}}", None),
    ("variable of wrong list type", "query($n:Int){users(ids:$n){id}}", None),
    ("variable of output type", "query($n:User){viewer{name}}", None),
    ("duplicate variable", "query($n:Int,$n:Int){echo(i:$n)}", None),
    ("missing required variable", "query($n:String!){account(number:$n){id}}", {}),
    ("null required variable", "query($n:String!){account(number:$n){id}}", {"n": None}),
    ("variable not an int", "query($i:Int){echo(i:$i)}", {"i": "x"}),
    ("variable int out of range", "query($i:Int){echo(i:$i)}", {"i": 3000000000}),
    ("variable not a string", "query($s:String){echo(s:$s)}", {"s": 5}),
    ("variable not a boolean", "query($b:Boolean){echo(b:$b)}", {"b": "yes"}),
    ("variable not a float", "query($f:Float){echo(f:$f)}", {"f": "x"}),
    ("variable not an enum", "query($e:Status){echo(e:$e)}", {"e": "FOO"}),
    ("variable enum not a string", "query($e:Status){echo(e:$e)}", {"e": 1}),
    ("variable missing input field",
     "mutation($in:CreateUserInput!){createUser(input:$in){ok}}", {"in": {"name": "x"}}),
    ("variable unknown input field",
     "mutation($in:CreateUserInput!){createUser(input:$in){ok}}",
     {"in": {"email": "e", "name": "x", "nmae": "y"}}),
    ("variable nested list item",
     "mutation($in:CreateUserInput!){createUser(input:$in){ok}}",
     {"in": {"name": "x", "email": "e", "tags": ["a", None]}}),
    ("variable not an object",
     "mutation($in:CreateUserInput!){createUser(input:$in){ok}}", {"in": "x"}),
    # Every variable's failures, each of them, in order.
    ("variables each failing",
     "query($i:Int,$s:String!,$b:Boolean,$e:Status){echo(i:$i,s:$s,b:$b,e:$e)}",
     {"i": "x", "b": 1, "e": "FOO"}),
    ("variable input object failing twice",
     "mutation($in:CreateUserInput!){createUser(input:$in){ok}}",
     {"in": {"name": 1, "nmae": "y", "tags": ["a", None, 2], "zeta": 1}}),
    ("variable list items failing",
     "query($l:[Int]){echo(l:$l)}", {"l": [1, "a", True, 2.5]}),
    ("variable nested input objects failing",
     "query($f:AccountFilter){echo(filter:$f)}",
     {"f": {"status": "X", "limit": "y", "nested": {"limit": "z", "numbers": [None]}}}),
    ("variables past the error limit",
     "query($l:[Int],$s:String!){echo(l:$l,s:$s)}", {"l": ["x"] * 49 + ["y", "z", 1, "w"]}),
    ("variables at the error limit",
     "query($l:[Int],$s:String!){echo(l:$l,s:$s)}", {"l": ["x"] * 49}),
    # Directives and operations.
    ("unknown directive", "{viewer @foo{name}}", None),
    ("misplaced directive", "query @skip(if:true){viewer{name}}", None),
    ("duplicate directive", "{viewer @skip(if:true) @skip(if:false){name}}", None),
    ("duplicate operation", "query A{count} query A{count}", None),
    ("anonymous operation not alone", "{count} query B{count}", None),
    ("conflicting aliases", "{viewer{a:name a:email}}", None),
    ("conflicting subfields", "{viewer{friend{x:name} friend{x:email}}}", None),
    ("conflicting arguments", "{echo(i:1) echo(i:2)}", None),
    # Errors in a fragment are reported once, however many operations spread it, and
    # validation stops after 100 errors.
    ("fragment errors once",
     " ".join("query Q%d{...F}" % i for i in range(12)) + " fragment F on Query{" + "nope " * 12 + "}", None),
    ("fragment variables per operation",
     "query A($a:Int){...F} query B{...F} query C{...F} fragment F on Query{echo(i:$a)}", None),
    ("validation past the error limit", "{" + "nope " * 101 + "}", None),
    ("validation at the error limit", "{" + "nope " * 100 + "}", None),
    # Where errors point, with whitespace, aliases, repeats and odd line breaks.
    ("directive name after a space", "{viewer @ foo{name}}", None),
    ("missing directive argument after a space", "{...F @\n include} fragment F on Query{count}", None),
    ("spread name after a space", "{viewer{... F}} fragment F on Property{id}", None),
    ("unknown argument of an aliased field", "{viewer{a:accounts(first:1,frist:1){id}}}", None),
    ("argument thrice", '{echo(s:"a",s:"b",s:"c")}', None),
    ("input field thrice", "{accounts(filter:{limit:1,limit:2,limit:3}){id}}", None),
    ("directive thrice", "{viewer @skip(if:true) @include(if:true) @skip(if:false) @skip(if:true){name}}", None),
    ("variable thrice", "query($n:Int,$ n:Int,$n:Int){echo(i:$n)}", None),
    ("fragment cycle of three",
     "{...A} fragment A on Query{...B} fragment B on Query{count ...C} fragment C on Query{...A ...B}", None),
    ("string value over lines", '{echo(b:true,\n i:"x", s:1)}', None),
    ("crlf lines", "query Q($n:String)\r\n{\r\n account(number:$n){id}\r\n}", None),
    ("field at the start of a line", "{\nnope\n}", None),
    ("line breaks python sees", "# a\u2028b\x85c\n{ nope }", None),
    ("syntax at the start of a line", "{count}\n}", None),
    ("syntax at the start of a crlf line", "{count}\r\n}", None),
    ("wide characters before", '{echo(s:"\u00e9\U0001F600", i:"x")}', None),
    ("scalar selection past arguments and directives", "{echo(filter:{limit:1}) @skip(if:false) {x}}", None),
    ("nested list variable types", "query($n:[[User]], $m:[[Usr]]){viewer{name}}", None),
    ("fragment shared by operations with other variable types",
     "query A($a:String){...F} query B($a:Int){...F} fragment F on Query{echo(i:$a)}", None),
    ("inline fragment type with directive", "{viewer{... on Usr @skip(if:false){name}}}", None),
    ("duplicate operation over lines", "query  A {count}\nquery\nA{count}", None),
    ("syntax block string where name expected", '{echo(s:"s" """t""")}', None),
    ("syntax bad escape on second line", '{echo(\ns:"\\x")}', None),
    # Literals are parsed as their scalar parses them during validation.
    ("literal int beyond 32 bits", "{echo(i:2147483648)}", None),
    ("literal int beyond 32 bits in an input object", "{echo(filter:{limit:3000000000})}", None),
    ("literal int beyond 64 bits in a list", "{echo(l:[1, 99999999999999999999999])}", None),
    ("literal int beyond 32 bits beside a good field", "{echo(i:-2147483649) count}", None),
    ("literal float into int", "{echo(i:1.5)}", None),
    ("literal list into int", "{echo(i:[1, 2])}", None),
    ("literal object into string", "{echo(s:{a:1, b:[true]})}", None),
    ("literal enum into string", "{echo(s:ACTIVE)}", None),
    ("literal id beyond 64 bits", "{echo(id:12345678901234567890)}", None),
    ("literal ids beyond 64 bits", "{users(ids:[12345678901234567890, 1.5]){id}}", None),
    ("literal string enum of non-null type", 'query($e:Status!="ACTIVE"){echo(e:$e)}', None),
    ("literal unknown enum of non-null type", "query($e:Status!=ACTIV){echo(e:$e)}", None),
    ("variable default beyond 32 bits", "query($i:Int=3000000000){echo(i:$i)}", None),
    ("variable id beyond 64 bits", "query($i:ID){echo(id:$i)}", {"i": 12345678901234567890}),
    ("anonymous operations twice", "{count} {count}", None),
    ("duplicate variable unused", "query($x:String,$x:String){count}", None),
    ("fragment errors past the error limit",
     "query A{...F} query B{...F} fragment F on Query{" + "nope " * 101 + "}", None),
]


# graphql-core's validation accepts this; its executor refuses it before running.
CASES.append(("subscription not supported", "subscription{count}", None))


def messages(query, variables):
    try:
        doc = parse(query)
    except GraphQLError as e:
        return [e]
    errs = validate(schema, doc)
    if not errs and query.startswith("subscription"):
        return graphql.execute(schema, doc).errors
    if errs or variables is None:
        return errs
    op = get_operation_ast(doc)
    # max_errors as graphql-core's executor passes it.
    got = get_variable_values(schema, op.variable_definitions or [], variables, max_errors=50)
    return got if isinstance(got, list) else []


out = []
for name, query, variables in CASES:
    errs = messages(query, variables)
    case = {"name": name, "query": query}
    if variables is not None:
        case["variables"] = variables
    case["errors"] = [
        {"message": e.message, "locations": [[l.line, l.column] for l in e.locations or []]}
        for e in errs
    ]
    out.append(case)

with open(os.path.join(HERE, "messages.json"), "w") as f:
    f.write("// Generated by gen.py with graphql-core %s; do not edit.\n" % graphql.version)
    json.dump(out, f, indent=1)
    f.write("\n")

"""Regenerates hf_jinja_cases.json: chat templates rendered by Jinja2 set up exactly like transformers'
apply_chat_template (utils/chat_template_utils.py _compile_jinja_template). Run: python3 make_hf_jinja_cases.py"""
import json
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.exceptions import TemplateError


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception

QWEN25 = open("qwen2_5_instruct.jinja").read()
FEATURES = open("features.jinja").read()
VL = json.load(open("../qwen25vl-tiny/chat_template.json"))["chat_template"]

TOOLS = [{"type": "function", "function": {"name": "grasp", "description": "Grasp an object — gently.",
          "parameters": {"type": "object", "properties": {"x": {"type": "number"}, "force": {"type": "number", "default": 0.5}},
                         "required": ["x"]}}}]
CASES = [
    ("qwen2_5_user_only", QWEN25, [{"role": "user", "content": "Hi"}], True, {}),
    ("qwen2_5_system_and_turns", QWEN25, [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"},
                                          {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Bye"}], False, {}),
    ("qwen2_5_tools", QWEN25, [{"role": "user", "content": "Grab the cup"},
                               {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "grasp", "arguments": {"x": 0.25, "label": "café"}}}]},
                               {"role": "tool", "content": "{\"ok\": true}"}, {"role": "tool", "content": "done"}], True, {"tools": TOOLS}),
    ("vl_add_vision_id", VL, [{"role": "user", "content": [{"type": "text", "text": "A "}, {"type": "image", "image": "a.png"},
                                                           {"type": "video", "video": "v.mp4", "fps": 2.0}, {"type": "image", "image": "b.png"}, {"type": "text", "text": "?"}]}],
     True, {"add_vision_id": True}),
    ("features", FEATURES, [{"role": "system", "content": "  Think first.  \n"}, {"role": "user", "content": "Is it <b>safe</b>?"},
                            {"role": "assistant", "content": "<think>\nhmm, yes\n</think>\n\nYes, it is safe."},
                            {"role": "user", "content": "Why, exactly?"}], True, {"tools": TOOLS}),
]
out = []
for name, template, messages, agp, variables in CASES:
    text = env.from_string(template).render(messages=messages, add_generation_prompt=agp, **variables)
    out.append({"name": name, "template": template, "messages": messages, "add_generation_prompt": agp,
                "variables": variables, "expected": text})
json.dump({"generator": "make_hf_jinja_cases.py (Jinja2 3.1, transformers chat template environment)", "cases": out},
          open("hf_jinja_cases.json", "w"), ensure_ascii=False, indent=1)

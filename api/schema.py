"""The errors every operation may answer, added to the OpenAPI schema (drf-spectacular
documents only the successful answer by itself), and how a token is sent."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "Thông báo lỗi bằng tiếng Việt."},
        "errors": {
            "type": "object",
            "description": "Lỗi theo từng trường (dữ liệu không hợp lệ).",
            "additionalProperties": {},
        },
    },
    "required": ["detail"],
}

# status: (description, for which methods)
ERRORS = {
    "400": ("Dữ liệu, tham số hoặc khóa X-Idempotency-Key (đã dùng) không hợp lệ.", None),
    "401": ("Thiếu mã truy cập, hoặc mã sai, hết hạn, đã thu hồi.", None),
    "403": ("Không có quyền (ví dụ mã chỉ đọc mà ghi).", None),
    "404": ("Không tìm thấy, hoặc không thuộc phạm vi của mã.", None),
    "409": ("Khóa X-Idempotency-Key đang được xử lý, hoặc còn dữ liệu khác dùng đến.", "write"),
    "429": ("Quá nhiều yêu cầu; thử lại sau số giây trong Retry-After.", None),
}
WRITES = {"post", "put", "patch", "delete"}

IDEMPOTENCY_PARAMETER = {
    "name": "X-Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Khóa do bên gọi tạo (tối đa 200 ký tự). Gửi lại cùng khóa và cùng nội dung trong 24 giờ "
        "nhận lại đúng câu trả lời lần đầu mà không ghi lần nữa; trong lúc lần đầu đang chạy: 409."
    ),
    "schema": {"type": "string", "maxLength": 200},
}


def document_errors(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error_ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in WRITES | {"get"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, (description, only) in ERRORS.items():
                if only == "write" and method not in WRITES:
                    continue
                responses.setdefault(code, {"description": description, "content": error_ref})
            if method == "get":
                responses.setdefault("304", {"description": "Không đổi từ If-Modified-Since."})
            else:
                operation.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
    return result


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <mã>` (hoặc `Bearer <mã>`), mã do quản trị đơn vị tạo.",
        }

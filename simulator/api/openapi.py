"""The OpenAPI document `cmecf-sim api` serves at /openapi.json: the published shape of PACER's
Authentication API (fields, loginResult "0"/"1", nextGenCSO, errorDescription), and the simulator's
own court-menu page that reads the NextGenCSO cookie."""

from __future__ import annotations

_STRING = {"type": "string"}
AUTH_ANSWER = {
    "type": "object",
    "required": ["loginResult"],
    "properties": {
        "loginResult": {"type": "string", "enum": ["0", "1"],
                        "description": "0: signed in (errorDescription then names pending account actions); 1: refused"},
        "nextGenCSO": {"type": "string", "description": "The sign-on token, 128 characters; the NextGenCSO cookie"},
        "errorDescription": {"type": "string", "description": "Why it was refused, or what the account must do"},
    },
    "additionalProperties": False,
}
LOGOUT_ANSWER = {
    "type": "object",
    "required": ["loginResult"],
    "properties": {"loginResult": {"type": "string", "enum": ["0", "1"]}, "errorDescription": _STRING},
    "additionalProperties": False,
}
MENU_ANSWER = {
    "type": "object",
    "required": ["court", "menu"],
    "properties": {"court": _STRING, "menu": {"type": "array", "items": _STRING}, "message": _STRING},
    "additionalProperties": False,
}
PROBLEM = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": _STRING, "message": _STRING},
    "additionalProperties": False,
}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": "cmecf-sim: PACER Authentication API", "version": "1",
             "description": "The simulator's world behind PACER's Authentication API (Central Sign-On)."},
    "paths": {
        "/services/cso-auth": {
            "post": {
                "summary": "Sign in with a PACER username and password; get a NextGenCSO token",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object",
                    "required": ["loginId", "password"],
                    "properties": {
                        "loginId": {**_STRING, "description": "PACER username"},
                        "password": {**_STRING, "description": "PACER password"},
                        "clientCode": {**_STRING, "description": "Optional client code"},
                        "otpCode": {**_STRING, "description": "The one-time code, for an account enrolled in MFA"},
                        "redactFlag": {**_STRING, "description": "\"1\": the filer acknowledges the redaction rules"},
                    },
                }}}},
                "responses": {
                    "200": _json(AUTH_ANSWER, "Signed in (loginResult 0) or refused (loginResult 1)"),
                    "400": _json(AUTH_ANSWER, "The body is not a JSON object with loginId and password as strings"),
                },
            }
        },
        "/services/cso-logout": {
            "post": {
                "summary": "End a NextGenCSO token's sign-on",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["nextGenCSO"], "properties": {"nextGenCSO": _STRING}}}}},
                "responses": {
                    "200": _json(LOGOUT_ANSWER, "Logged out (0), or the token was not signed in (1)"),
                    "400": _json(LOGOUT_ANSWER, "The body is not a JSON object with nextGenCSO as a string"),
                },
            }
        },
        "/courts/{court}/menu": {
            "get": {
                "summary": "A NextGen court's CM/ECF menu for the sign-on in the NextGenCSO cookie (R13, R15)",
                "parameters": [
                    {"name": "court", "in": "path", "required": True, "schema": _STRING},
                    {"name": "NextGenCSO", "in": "cookie", "required": False, "schema": _STRING},
                ],
                "responses": {
                    "200": _json(MENU_ANSWER, "The menus this sign-on has at the court"),
                    "401": _json(PROBLEM, "No live sign-on in the cookie"),
                    "404": _json(PROBLEM, "No such court in this world"),
                    "409": _json(PROBLEM, "Refused by the court (unavailable, not NextGen, ...)"),
                },
            }
        },
        "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3"}}}},
    },
}

package io.linia.acd;

/** One entry of a tenant's code list: a pause reason (ACD-3) or a call result code (WS-3). */
public record CodeName(String code, String name) {
}

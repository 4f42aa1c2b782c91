package io.demandloop.local.template;

/** {@code template.yaml} cannot be read, or uses a construct the local stack cannot reproduce. */
public class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}

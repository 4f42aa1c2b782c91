package io.demandloop.shared.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Drops the {@code Expect: 100-continue} header the S3 client adds to uploads. Reports are a few kilobytes, so
 * it saves nothing; and with the URL-connection client an I/O error during the 100-continue exchange (a
 * connection the server has just closed) escapes the SDK's retries instead of being retried.
 */
public final class WithoutExpectContinue implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        return context.httpRequest().toBuilder().removeHeader("Expect").build();
    }
}

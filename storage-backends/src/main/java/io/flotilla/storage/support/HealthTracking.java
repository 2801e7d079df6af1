package io.flotilla.storage.support;

import io.flotilla.storage.spi.StorageUnavailableException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A decorator for either storage SPI that records, in a {@link BackendHealth}, whether each call found its
 * backend reachable. One generic proxy serves both SPIs, so no backend repeats this and no method of a
 * wide interface is forgotten.
 */
public final class HealthTracking {
    private HealthTracking() {
    }

    public static <T> T wrap(Class<T> spi, T delegate, BackendHealth health) {
        InvocationHandler handler = (proxy, method, args) -> invoke(delegate, method, args, health);
        return spi.cast(Proxy.newProxyInstance(spi.getClassLoader(), new Class<?>[] {spi}, handler));
    }

    private static Object invoke(Object delegate, Method method, Object[] args, BackendHealth health) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(delegate, args);
        }
        try {
            Object result = method.invoke(delegate, args);
            health.succeeded();
            return result;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StorageUnavailableException) {
                health.failed(cause);
            } else {
                health.succeeded(); // the backend answered, if only to refuse
            }
            throw cause;
        }
    }
}

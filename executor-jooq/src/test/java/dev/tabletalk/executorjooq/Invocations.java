package dev.tabletalk.executorjooq;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** For the tests' JDBC proxies: a call passed on to the real object, its own exception thrown as it is. */
final class Invocations {

    private Invocations() {}

    static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

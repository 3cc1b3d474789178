package nl.switchboard.belfabriek;

import java.util.List;

/** An XML-RPC methodCall: the method name and its parameters (String, Integer, Boolean, Double, Map, List). */
public record MethodCall(String methodName, List<Object> params) {
}

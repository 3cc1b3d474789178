package nl.switchboard.belfabriek;

/**
 * An XML-RPC fault, answered as {@code <fault>} with faultCode and faultString. The codes follow the
 * common XML-RPC fault code interoperability list (-32700 parse error, -32600 invalid request,
 * -32601 unknown method, -32602 invalid parameters, -32500 application error); -32001 is a refused
 * account pin.
 */
public class XmlRpcFault extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int UNSUPPORTED_ENCODING = -32701;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int APPLICATION_ERROR = -32500;
    public static final int ACCESS_DENIED = -32001;

    private final int code;

    public XmlRpcFault(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}

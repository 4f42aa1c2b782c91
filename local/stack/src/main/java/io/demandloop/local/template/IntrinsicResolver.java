package io.demandloop.local.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves intrinsic functions the way the deployed stack would, with local physical names, the local account and
 * region, and parameters from the host environment or their defaults. Supported: {@code Ref}, {@code Fn::GetAtt}
 * (ARNs), {@code Fn::Sub} and {@code Fn::Join}; anything else fails with the place it was found.
 */
final class IntrinsicResolver {

    private final String stackName;
    private final Map<String, Object> parameters;
    private final Map<String, Object> resources;
    private final Map<String, String> hostEnvironment;
    private final Map<String, String> physicalNames = new LinkedHashMap<>();
    private final Set<String> resolvingNames = new HashSet<>();

    IntrinsicResolver(
            String stackName,
            Map<String, Object> parameters,
            Map<String, Object> resources,
            Map<String, String> hostEnvironment) {
        this.stackName = stackName;
        this.parameters = parameters;
        this.resources = resources;
        this.hostEnvironment = hostEnvironment;
    }

    /**
     * Where a value is being resolved, for error messages, and which environment variable it belongs to (a
     * parameter referenced from an environment variable takes the host's value of that variable).
     */
    record Context(String where, String environmentVariable) {
        static Context of(String where) {
            return new Context(where, null);
        }
    }

    static boolean isIntrinsic(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object key = map.keySet().iterator().next();
            return key instanceof String name
                    && (name.equals("Ref") || name.equals("Condition") || name.startsWith("Fn::"));
        }
        return false;
    }

    /** Resolves a scalar or an intrinsic to the string a deployed resource would see. */
    String resolveString(Object value, Context ctx) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return scalarText(value);
        }
        if (isIntrinsic(value)) {
            Map.Entry<?, ?> entry = ((Map<?, ?>) value).entrySet().iterator().next();
            String function = (String) entry.getKey();
            Object argument = entry.getValue();
            return switch (function) {
                case "Ref" -> ref(requireString(argument, function, ctx), ctx);
                case "Fn::GetAtt" -> getAtt(argument, ctx);
                case "Fn::Sub" -> sub(argument, ctx);
                case "Fn::Join" -> join(argument, ctx);
                default -> throw new TemplateException(ctx.where() + ": " + function
                        + " is not supported by the local stack (supported: Ref, Fn::GetAtt, Fn::Sub, Fn::Join)");
            };
        }
        throw new TemplateException(ctx.where() + ": expected a scalar or an intrinsic function, found " + value);
    }

    /**
     * Resolves every intrinsic inside a structure (an event pattern), keeping maps, lists and scalar types as they
     * are.
     */
    Object resolveDeep(Object value, Context ctx) {
        if (isIntrinsic(value)) {
            return resolveString(value, ctx);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, resolveDeep(v, ctx)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(resolveDeep(v, ctx)));
            return out;
        }
        return value;
    }

    /** The physical name of a resource, as {@code Ref} returns it locally. */
    String physicalName(String logicalId) {
        String known = physicalNames.get(logicalId);
        if (known != null) {
            return known;
        }
        Map<String, Object> resource = resource(logicalId, Context.of("Ref " + logicalId));
        if (!resolvingNames.add(logicalId)) {
            throw new TemplateException("Resource " + logicalId + ": its name refers back to itself");
        }
        try {
            String type = SamTemplate.string(resource.get("Type"));
            Map<String, Object> properties = SamTemplate.map(resource.get("Properties"));
            String name = switch (type == null ? "" : type) {
                case "AWS::Events::EventBus" -> nameProperty(logicalId, properties, "Name", stackName + "-" + logicalId);
                case "AWS::DynamoDB::Table" -> nameProperty(logicalId, properties, "TableName", stackName + "-" + logicalId);
                case "AWS::S3::Bucket" -> nameProperty(
                        logicalId, properties, "BucketName", (stackName + "-" + logicalId).toLowerCase(Locale.ROOT));
                default -> stackName + "-" + logicalId;
            };
            physicalNames.put(logicalId, name);
            return name;
        } finally {
            resolvingNames.remove(logicalId);
        }
    }

    /** A fake ARN of a resource, in the local account and region. */
    String arn(String logicalId, Context ctx) {
        Map<String, Object> resource = resource(logicalId, ctx);
        String type = String.valueOf(resource.get("Type"));
        String name = physicalName(logicalId);
        return switch (type) {
            case "AWS::Events::EventBus" -> SamTemplate.arn("events", "event-bus/" + name);
            case "AWS::Events::Rule" -> SamTemplate.arn("events", "rule/" + name);
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> SamTemplate.arn("dynamodb", "table/" + name);
            // S3 ARNs carry neither region nor account, and code that parses them expects that.
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> SamTemplate.arn("lambda", "function:" + name);
            case "AWS::IAM::Role" -> "arn:aws:iam::" + SamTemplate.ACCOUNT_ID + ":role/" + name;
            default -> SamTemplate.arn(serviceOf(type), name);
        };
    }

    private String nameProperty(String logicalId, Map<String, Object> properties, String property, String fallback) {
        Object value = properties.get(property);
        return value == null ? fallback : resolveString(value, Context.of("Resource " + logicalId + ", property " + property));
    }

    private String ref(String name, Context ctx) {
        switch (name) {
            case "AWS::StackName":
                return stackName;
            case "AWS::Region":
                return SamTemplate.REGION;
            case "AWS::AccountId":
                return SamTemplate.ACCOUNT_ID;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackId":
                return SamTemplate.arn("cloudformation", "stack/" + stackName + "/00000000-0000-0000-0000-000000000000");
            default:
                break;
        }
        if (name.startsWith("AWS::")) {
            throw new TemplateException(ctx.where() + ": pseudo parameter " + name + " is not supported by the local stack");
        }
        if (parameters.containsKey(name)) {
            return parameter(name, ctx);
        }
        if (resources.containsKey(name)) {
            return physicalName(name);
        }
        throw new TemplateException(ctx.where() + ": Ref " + name + " names neither a parameter nor a resource");
    }

    private String parameter(String name, Context ctx) {
        if (ctx.environmentVariable() != null) {
            String fromHost = hostEnvironment.get(ctx.environmentVariable());
            if (fromHost != null) {
                return fromHost;
            }
        }
        Object defaultValue = SamTemplate.map(parameters.get(name)).get("Default");
        return defaultValue == null ? "" : resolveString(defaultValue, ctx);
    }

    private String getAtt(Object argument, Context ctx) {
        List<?> parts = argument instanceof String s ? List.of(s.split("\\.", 2)) : argument instanceof List<?> l ? l : List.of();
        if (parts.size() != 2) {
            throw new TemplateException(ctx.where() + ": Fn::GetAtt needs [LogicalId, Attribute], found " + argument);
        }
        String logicalId = requireString(parts.get(0), "Fn::GetAtt", ctx);
        String attribute = requireString(parts.get(1), "Fn::GetAtt", ctx);
        resource(logicalId, ctx);
        if (attribute.equals("Arn")) {
            return arn(logicalId, ctx);
        }
        if (attribute.equals("Name")) {
            return physicalName(logicalId);
        }
        throw new TemplateException(ctx.where() + ": Fn::GetAtt " + logicalId + "." + attribute
                + " is not supported by the local stack (only .Arn and .Name)");
    }

    private String sub(Object argument, Context ctx) {
        String text;
        Map<String, Object> variables;
        if (argument instanceof String s) {
            text = s;
            variables = Map.of();
        } else if (argument instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String s) {
            text = s;
            variables = SamTemplate.map(list.get(1));
        } else {
            throw new TemplateException(ctx.where() + ": Fn::Sub needs a string or [string, {variables}], found " + argument);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new TemplateException(ctx.where() + ": Fn::Sub has an unclosed ${ in \"" + text + "\"");
            }
            String name = text.substring(start + 2, end).trim();
            if (name.startsWith("!")) {
                // ${!Literal} is CloudFormation's escape for a literal ${Literal}.
                out.append("${").append(name.substring(1)).append('}');
            } else if (variables.containsKey(name)) {
                out.append(resolveString(variables.get(name), ctx));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                out.append(getAtt(name, ctx));
            } else {
                out.append(ref(name, ctx));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private String join(Object argument, Context ctx) {
        if (!(argument instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof List<?> values)) {
            throw new TemplateException(ctx.where() + ": Fn::Join needs [delimiter, [values]], found " + argument);
        }
        String delimiter = requireString(list.get(0), "Fn::Join", ctx);
        List<String> parts = new ArrayList<>();
        for (Object value : values) {
            parts.add(resolveString(value, ctx));
        }
        return String.join(delimiter, parts);
    }

    private Map<String, Object> resource(String logicalId, Context ctx) {
        Object resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException(ctx.where() + ": no resource " + logicalId + " in the template");
        }
        return SamTemplate.map(resource);
    }

    private static String requireString(Object value, String function, Context ctx) {
        if (value instanceof String s) {
            return s;
        }
        throw new TemplateException(ctx.where() + ": " + function + " expects a name, found " + value);
    }

    private static String serviceOf(String type) {
        String[] parts = type.split("::");
        return parts.length == 3 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
    }

    /** Text of a YAML scalar as CloudFormation passes it on: {@code 90}, not {@code 90.0}. */
    static String scalarText(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
